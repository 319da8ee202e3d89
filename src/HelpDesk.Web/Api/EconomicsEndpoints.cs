using System.Globalization;
using HelpDesk.Core.Accounts;
using HelpDesk.Core.Common;
using HelpDesk.Core.Economics;

namespace HelpDesk.Web.Api;

/// <summary>
/// The support P&amp;L as JSON under <c>/api/economics</c>, for managers only (the Manage area's policy: an admin is
/// not a manager here either). Both read the rolled-up facts for a period given as <c>from</c> and <c>to</c>
/// (yyyy-mm-dd, both included, at most five years); a bad level, a missing or unreadable date, a period that ends
/// before it starts or one too long answers 400 naming the field.
/// </summary>
public static class EconomicsEndpoints
{
    public static IEndpointRouteBuilder MapEconomicsEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var economics = api.MapGroup("/economics").WithTags("Economics").RequireAuthorization(Hosting.Areas.Manage);
        economics.MapGet("/pnl", PnlAsync)
            .RequireScope(ApiScopes.ReadEconomics)
            .WithSummary("The support P&L by region, customer, contract or product for the days from..to (yyyy-mm-dd, both included): revenue, labour cost, profit, margin, cost per case and tickets per row, largest labour cost first.")
            .Produces<PnlDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        economics.MapGet("/metrics", MetricsAsync)
            .RequireScope(ApiScopes.ReadEconomics)
            .WithSummary("Every metric of the support P&L for the days from..to, optionally for one organisation or product (ids; product 0 is tickets naming none): value, formula, the inputs put in, and why there is no value when nothing can be divided.")
            .Produces<MetricsDto>()
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> PnlAsync(HttpContext context, IEconomicsReader reader, string? level, string? from, string? to)
    {
        var errors = new List<FieldError>();
        EconomicsLevel parsed = default;
        if (string.IsNullOrWhiteSpace(level) || !Enum.TryParse(level.Trim(), ignoreCase: true, out parsed) || !Enum.IsDefined(parsed) || int.TryParse(level, out _))
        {
            errors.Add(new("level", $"'{level}' is not a level; use level=region, customer, contract or product."));
        }

        var period = ReportingPeriods.Between(from, to);
        errors.AddRange(period.Errors);
        if (errors.Count > 0)
        {
            return TicketEndpoints.MalformedInput(errors);
        }

        var rows = await reader.ByLevelAsync(parsed, period.Value!.Filter, context.RequestAborted);
        return TypedResults.Ok(new PnlDto(
            parsed.ToString().ToLowerInvariant(), Day(period.Value.From), Day(period.Value.To),
            [.. rows.Select(r => PnlRowDto.From(r.Key, r.Name, r.Measures))]));
    }

    private static async Task<IResult> MetricsAsync(HttpContext context, IEconomicsReader reader, string? from, string? to, string? organisation, string? product)
    {
        var errors = new List<FieldError>();
        var period = ReportingPeriods.Between(from, to);
        errors.AddRange(period.Errors);
        var organisationId = QueryValues.Id(organisation, "organisation", "The organisation is given by its id, a number.", errors);
        var productId = QueryValues.Id(product, "product", "The product is given by its id, a number (0 for tickets naming no product).", errors);
        if (errors.Count > 0)
        {
            return TicketEndpoints.MalformedInput(errors);
        }

        var filter = period.Value!.Filter with { OrganisationId = organisationId, ProductId = productId };
        var measures = await reader.TotalAsync(filter, context.RequestAborted);
        return TypedResults.Ok(new MetricsDto(
            Day(period.Value.From), Day(period.Value.To), organisationId, productId,
            [.. SupportMetrics.All(measures).Select(MetricDto.From)]));
    }

    private static string Day(DateOnly day) => day.ToString(ReportingPeriods.IsoDate, CultureInfo.InvariantCulture);
}

public sealed record PnlDto(string Level, string From, string To, IReadOnlyList<PnlRowDto> Rows);

/// <summary>One row of the P&amp;L; money in cents, margin a share from 0 to 1, cost per case null when no ticket was resolved.</summary>
public sealed record PnlRowDto(
    string Key, string Name, long SupportRevenueCents, long ServicesRevenueCents, long LabourCostCents, long ProfitCents, decimal? Margin,
    decimal? CostPerCaseCents, long TicketsOpened, long TicketsResolved)
{
    public static PnlRowDto From(string key, string name, Measures m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(key, name, m.SupportRevenueCents, m.ServicesRevenueCents, m.LabourCostCents,
            m.SupportRevenueCents + m.ServicesRevenueCents - m.LabourCostCents,
            SupportMetrics.Margin(m).Rounded, SupportMetrics.CostPerCase(m).Rounded, m.TicketsOpened, m.TicketsResolved);
    }
}

public sealed record MetricsDto(string From, string To, int? Organisation, int? Product, IReadOnlyList<MetricDto> Metrics);

/// <summary>A metric: its unit (money in cents, share 0–1, minutes, score, nps), rounded value or null, and how it was worked out.</summary>
public sealed record MetricDto(string Key, string Name, string Unit, decimal? Value, string Formula, string Inputs, string? WhyNone)
{
    public static MetricDto From(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new(metric.Key, metric.Name, metric.Unit.ToString().ToLowerInvariant(), metric.Rounded, metric.Formula, metric.Inputs, metric.WhyNone);
    }
}
