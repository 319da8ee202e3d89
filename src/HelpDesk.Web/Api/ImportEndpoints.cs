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
        Map<OrganisationImport>(group, "organisations", Hosting.Areas.Manage, ApiScopes.ManageOrganisations,
            "Managers: add organisations from a CSV body (columns name,region,segment,domains; domains separated by spaces or semicolons).");
        Map<ContractImport>(group, "contracts", Hosting.Areas.Manage, ApiScopes.ManageContracts,
            "Managers: add contracts from a CSV body (columns organisation,plan,products,starts,ends,value,currency,timezone; organisation and plan by name or id, products by code, name or id separated by semicolons, dates yyyy-MM-dd). Each row is checked as the contract form checks it, and against the file's earlier rows.");
        // Inviting is an administrator's, as on the user pages and POST /api/organisations/{id}/people.
        Map<PersonImport>(group, "people", Hosting.Areas.Admin, ApiScopes.ManageOrganisations,
            "Administrators: invite organisations' customer contacts from a CSV body (columns organisation,name,email; organisation by name or id); each gets a mail with a link to choose a password. Every row is checked before anyone is invited; see the management API document for an invitation refused during the import.");
        return api;
    }

    private static void Map<TImport>(RouteGroupBuilder group, string kind, string area, string scope, string summary)
        where TImport : ICsvImport
    {
        group.MapPost($"/{kind}", (HttpContext context, TImport import, bool? dryRun) => ImportAsync(context, import, dryRun))
            .RequireAuthorization(area).RequireScope(scope)
            .WithSummary(summary + " With dryRun=true every row's problems are reported and nothing is saved; otherwise all rows are saved, or none (422) when any row has a problem.")
            .Produces<ImportResultDto>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet($"/{kind}/template", (TImport import) => TypedResults.Text(import.Template, CsvType, Encoding.UTF8))
            .RequireAuthorization(area).RequireScope(scope)
            .WithSummary($"A CSV file with the {kind} import's header and one example row.")
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
