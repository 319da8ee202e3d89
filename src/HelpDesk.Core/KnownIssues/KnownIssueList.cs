using HelpDesk.Core.Contracts;
using HelpDesk.Core.Economics;

namespace HelpDesk.Core.KnownIssues;

/// <summary>
/// Loads what the ranking needs — the issues, their linked tickets, those tickets' histories and the affected
/// organisations' contract value covering each product — and ranks them.
/// </summary>
public sealed class KnownIssueList(IKnownIssueStore issues, IEconomicsStore economics, Currency currency, TimeProvider clock)
{
    public async Task<IReadOnlyList<KnownIssueRank>> RankAsync(KnownIssueFilter filter, CancellationToken cancellationToken = default)
    {
        var list = await issues.ListAsync(filter, cancellationToken);
        if (list.Count == 0)
        {
            return [];
        }

        var linked = await issues.LinkedTicketsAsync([.. list.Select(i => i.Id)], cancellationToken);
        var histories = (await economics.LoadTicketsAsync([.. linked.Select(t => t.TicketId).Distinct()], cancellationToken))
            .ToDictionary(h => h.TicketId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var covered = await issues.CoveredValuesAsync([.. linked.Select(t => t.OrganisationId).Distinct()], today, cancellationToken);
        var evidence = list.Select(issue => new KnownIssueEvidence(
            issue,
            [.. linked.Where(t => t.KnownIssueId == issue.Id)],
            histories,
            covered.Where(c => c.ProductId == issue.ProductId).ToDictionary(c => c.OrganisationId, c => c.ValueCents))).ToList();
        return KnownIssueRanking.Rank(evidence, currency);
    }
}
