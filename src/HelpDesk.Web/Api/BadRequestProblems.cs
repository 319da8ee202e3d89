using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;

namespace HelpDesk.Web.Api;

/// <summary>
/// A request the app cannot read is the client's fault, in every environment: broken JSON, a value of the wrong type,
/// an enum name that does not exist, an unreadable parameter, a form with characters no form may carry. The API
/// answers a 400 problem naming the field; a page answers 400 through the status pages. Route handlers throw these
/// (<see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/>) so they arrive here.
/// </summary>
public sealed class BadRequestProblems(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (Unreadable(exception) is { } reason && !context.Response.HasStarted)
        {
            var (status, field, message) = reason;
            context.Response.Clear();
            context.Response.StatusCode = status;
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                return;
            }

            var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = status,
                Title = "The request is malformed; see errors",
                Detail = message,
            };
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
        }
    }

    private static (int Status, string Field, string Message)? Unreadable(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } when FieldOf(json.Path) is var field =>
            (StatusCodes.Status400BadRequest, field, field == "body"
                ? "The body is not a JSON object this call can read; check its syntax."
                : $"The value of '{field}' is not of the type this field takes (text, a whole number, true/false or a date, as the API description says)."),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
            (StatusCodes.Status400BadRequest, "body", "Send a JSON object in the body, with Content-Type: application/json."),
        BadHttpRequestException bad => (bad.StatusCode, "request", bad.Message),
        AntiforgeryValidationException or InvalidDataException =>
            (StatusCodes.Status400BadRequest, "form", "The form could not be read: it carries characters or a token no form of this site sends. Reload the page and send it again."),
        _ => null,
    };

    /// <summary>The field a JSON path points at, as the API names it: <c>$.kind</c> is <c>kind</c>, <c>$.items[2].name</c> is <c>items[2].name</c>.</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
