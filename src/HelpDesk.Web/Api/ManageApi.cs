using HelpDesk.Core.Common;
using HelpDesk.Web.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>What the management routes share: the answer to an edit sent without the version it was based on or another field it needs, and to a missing thing.</summary>
internal static class ManageApi
{
    /// <summary>422 naming <c>version</c> when an edit does not say which version of <paramref name="what"/> it changes; null when it does.</summary>
    public static IResult? VersionMissing(int? version, string what) => version is null
        ? Required("version", $"Send the version of the {what} you read, so a change made meanwhile is not overwritten.")
        : null;

    /// <summary>422 naming a field the request had to carry: a well-formed request that leaves out what the change needs.</summary>
    public static IResult Required(string field, string message) => ResultResponses.Problem(Result<object>.Invalid(field, message));

    /// <summary>404 with the words a person can act on.</summary>
    public static IResult Missing(string message) => ResultResponses.Problem(Result<object>.NotFound(message));

    /// <summary>The body's result as 200, or its failure as a problem.</summary>
    public static IResult OkOrProblem<T, TDto>(Result<T> result, Func<T, TDto> shape) =>
        result.Succeeded ? TypedResults.Ok(shape(result.Value!)) : ResultResponses.Problem(result);

    /// <summary>The body's result as 201 at <paramref name="location"/>, or its failure as a problem.</summary>
    public static IResult CreatedOrProblem<T, TDto>(Result<T> result, Func<T, string> location, Func<T, TDto> shape) =>
        result.Succeeded ? TypedResults.Created(location(result.Value!), shape(result.Value!)) : ResultResponses.Problem(result);
}
