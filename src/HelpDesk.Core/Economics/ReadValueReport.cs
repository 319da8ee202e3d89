using HelpDesk.Core.Common;
using HelpDesk.Core.Contracts;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Offers;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Economics;

/// <summary>
/// An organisation's value report for a period, read from the economics facts as the dashboard reads them: the
/// organisation's summed measures, its tickets' contributions for the median first response and the goodwill tickets,
/// which are valued at the service a matching offer would have sold, and the fixed known issues its tickets are linked
/// to. Without dates the period is the current term.
/// </summary>
public sealed class ReadValueReport(
    IEconomicsReader economics, ITicketStore tickets, IScopeStore scope, IOfferingStore offerings, IContractStore contracts, IKnownIssueStore knownIssues,
    Currency currency, TimeProvider clock)
{
    /// <summary>How many of the organisation's tickets the median first response reads at most, costliest first.</summary>
    public const int TicketsRead = 10_000;

    public async Task<Result<ValueReport>> HandleAsync(int organisationId, string? from, string? to, CancellationToken cancellationToken = default)
    {
        DateOnly start, end;
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            (start, end) = ValueReports.DefaultPeriod(await contracts.ListContractsAsync(organisationId, cancellationToken), today);
        }
        else if (ReportingPeriods.Between(from, to) is { Succeeded: true } chosen)
        {
            (start, end) = (chosen.Value!.From, chosen.Value.To);
        }
        else
        {
            return ReportingPeriods.Between(from, to).As<ValueReport>();
        }

        var filter = new EconomicsFilter(start, end) { OrganisationId = organisationId };
        var measures = await economics.TotalAsync(filter, cancellationToken);
        var contributions = await economics.TicketsAsync(filter, TicketsRead, cancellationToken);
        var goodwill = new List<GoodwillValue>();
        var given = contributions.Where(c => c.Measures.GoodwillCostCents > 0).ToList();
        if (given.Count > 0)
        {
            var catalogue = await offerings.ListAsync(cancellationToken);
            foreach (var contribution in given)
            {
                goodwill.Add(ValueReports.Value(await GoodwillTicketAsync(contribution, organisationId, cancellationToken), catalogue, currency));
            }
        }

        return Result<ValueReport>.Ok(new ValueReport(
            organisationId, start, end, measures, ValueReports.Median(ValueReports.FirstResponseMinutes(contributions)), goodwill)
        {
            KnownIssuesFixed = await knownIssues.FixedForOrganisationAsync(organisationId, cancellationToken),
        });
    }

    private async Task<GoodwillTicket> GoodwillTicketAsync(TicketContribution contribution, int organisationId, CancellationToken cancellationToken)
    {
        var ticket = await tickets.GetAsync(contribution.TicketId, TicketScope.ForOrganisation(organisationId), cancellationToken);
        var product = ticket?.Product is { Length: > 0 } named ? await scope.FindProductAsync(named, cancellationToken) : null;
        var categories = ticket is null ? [] : OfferRequests.For(ticket, product, [], [], default).Categories;
        return new GoodwillTicket(contribution.TicketId, contribution.Number, contribution.Subject, contribution.Measures.GoodwillCostCents, categories, product?.Id);
    }
}
