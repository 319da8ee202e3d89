using HelpDesk.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Tickets;

/// <summary>How a use case's failure reaches a person: problem details in the API, field errors on a page.</summary>
public static class ResultResponses
{
    public static IResult Problem<T>(Result<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var detail = string.Join(" ", result.Errors.Select(e => e.Message));
        return result.Failure switch
        {
            Failure.NotFound => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
            Failure.Conflict => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else"),
            // The request was well formed but says something that cannot be done: 422, with the errors by field.
            _ => TypedResults.Problem(new HttpValidationProblemDetails(
                result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request has problems; see errors",
                Detail = detail,
            }),
        };
    }

    /// <summary>Adds each error beside its field; <paramref name="prefix"/> is the form model's name (for example "Input").</summary>
    public static void AddTo<T>(Result<T> result, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(modelState);
        foreach (var error in result.Errors)
        {
            var key = string.IsNullOrEmpty(error.Field) ? string.Empty : $"{prefix}.{char.ToUpperInvariant(error.Field[0])}{error.Field[1..]}";
            modelState.AddModelError(key, error.Message);
        }
    }

    /// <summary>
    /// Shows a failed save on its form: a stale version as <paramref name="staleMessage"/> (what was typed stays in
    /// the form), any other problem beside its field. False when the thing saved no longer exists (answer 404).
    /// </summary>
    public static bool ShowOnForm<T>(Result<T> result, ModelStateDictionary modelState, out string? staleMessage, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(result);
        staleMessage = null;
        switch (result.Failure)
        {
            case Failure.NotFound:
                return false;
            case Failure.Conflict:
                staleMessage = result.Errors[0].Message;
                return true;
            default:
                AddTo(result, modelState, prefix);
                return true;
        }
    }
}
