using System.Text;
using HelpDesk.Core.Accounts;
using HelpDesk.Web.Import;
using HelpDesk.Web.Mail;

namespace HelpDesk.Web.Api;

/// <summary>One problem of an imported file: the data row (from 1; 0 is the header line), the column and what is wrong.</summary>
public sealed record RowErrorDto(int Row, string Column, string Message);

/// <summary>What an import read and saved; a dry run saves nothing.</summary>
public sealed record ImportResultDto(int Rows, int Saved, bool DryRun, IReadOnlyList<RowErrorDto> Errors)
{
    public static ImportResultDto From(ImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new(outcome.Rows, outcome.Saved, outcome.DryRun, [.. outcome.Errors.Select(e => new RowErrorDto(e.Row, e.Column, e.Message))]);
    }
}

/// <summary>
/// Bulk import by CSV under <c>/api/import</c>, for managers: a dry run reports every row's problems and saves nothing;
/// a real import saves every row in one transaction, or none (422 with each row's problems).
/// </summary>
public static class ImportEndpoints
{
    public const string CsvType = "text/csv";

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/import").WithTags("Import");
        foreach (var kind in ImportKinds.All)
        {
            Map(group, kind);
        }

        return api;
    }

    private static void Map(RouteGroupBuilder group, ImportKind kind)
    {
        group.MapPost($"/{kind.Name}", (HttpContext context, bool? dryRun) => ImportAsync(context, kind.Resolve(context.RequestServices), dryRun))
            .RequireAuthorization(kind.Policy).RequireScope(kind.Scope)
            .WithSummary(kind.Summary + " With dryRun=true every row's problems are reported and nothing is saved; otherwise all rows are saved, or none (422) when any row has a problem.")
            .Produces<ImportResultDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet($"/{kind.Name}/template", (HttpContext context) => TypedResults.Text(kind.Resolve(context.RequestServices).Template, CsvType, Encoding.UTF8))
            .RequireAuthorization(kind.Policy).RequireScope(kind.Scope)
            .WithSummary($"A CSV file with the {kind.Name} import's header and one example row.")
            .Produces<string>(StatusCodes.Status200OK, CsvType);
    }

    private static async Task<IResult> ImportAsync(HttpContext context, ICsvImport import, bool? dryRun)
    {
        // Read whole before parsing: the server allows no synchronous reads of a request body.
        using var body = new StreamReader(context.Request.Body, Encoding.UTF8);
        using var csv = new StringReader(await body.ReadToEndAsync(context.RequestAborted));
        var outcome = await import.ImportAsync(csv, dryRun ?? false, context.User.UserId(), context.RequestAborted);
        return Answer(outcome);
    }

    /// <summary>A dry run's report, or a saved file, as 200; a refused file as 422 with each row's problems.</summary>
    internal static IResult Answer(ImportOutcome outcome)
    {
        var result = ImportResultDto.From(outcome);
        if (outcome.Succeeded || outcome.DryRun)
        {
            return TypedResults.Ok(result);
        }

        return TypedResults.Problem(new HttpValidationProblemDetails(
            outcome.Errors.GroupBy(e => $"rows[{e.Row}].{e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            // Only invitations, which cannot share a transaction, can stop part-way with some rows saved.
            Title = outcome.Saved == 0 ? "The file has problems; nothing was saved" : $"The import stopped at a refused row; {outcome.Saved} rows before it were saved",
            Detail = outcome.Saved == 0
                ? $"{outcome.Errors.Select(e => e.Row).Distinct().Count()} of {outcome.Rows} rows have problems; fix them and import the whole file again."
                : "Remove the saved rows from the file, fix the refused row and import the rest again.",
            Extensions = { ["rows"] = result.Errors, ["saved"] = outcome.Saved },
        });
    }
}
