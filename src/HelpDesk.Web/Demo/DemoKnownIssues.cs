using Dapper;
using HelpDesk.Core.Common;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Scope;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Web.Demo;

/// <summary>
/// Known issues the demo's tickets are linked to, through the real use cases: a Mooring defect open for Northwind's
/// Modbus tickets; the MQTT bridge defect fixed in Mooring 3.6, linked to every ticket that reported it, which took the
/// most labour and so heads <c>/manage/known-issues</c> (Northwind's people see it under "Your support"); a Sextant
/// known limitation and a Keel feature request, each on a few tickets. The Northwind-only defect comes first, so that
/// known issue 1 is one that Northwind may read and Contoso may not.
/// </summary>
internal static class DemoKnownIssues
{
    private sealed record DemoIssue(
        string Product, string Title, string AffectedReleases, KnownIssueKind Kind, KnownIssueStatus Status, string? Release, string PublicNote,
        string TicketSubject, string? OnlyFor = null, int? AtMost = null);

    /// <summary>The fixed defect on most tickets: the most expensive known issue, which Northwind reported.</summary>
    public const string MostExpensive = "MQTT bridge loses messages when the broker is slow";

    private static readonly DemoIssue[] Issues =
    [
        new("mooring", "Modbus polling stops after a daylight-saving clock change", "3.4, 3.5, 3.6", KnownIssueKind.Defect, KnownIssueStatus.Open, null,
            "Until it is fixed, restart the Modbus connector after the clock changes; polling resumes at once.",
            "Modbus polling stopped after the clock change", OnlyFor: "northwind.example"),
        new("mooring", MostExpensive, "3.3, 3.4, 3.5", KnownIssueKind.Defect, KnownIssueStatus.Fixed, "3.6",
            "Mooring Gateway 3.6 buffers messages on disk while the broker catches up. Upgrade to 3.6; no configuration change is needed.",
            "MQTT bridge drops messages under load"),
        new("sextant", "PDF export cuts off tables wider than the page", "7.1, 7.2, 7.3", KnownIssueKind.KnownLimitation, KnownIssueStatus.WontFix, null,
            "PDF pages have a fixed width. Export wide tables to CSV or Excel, or choose A3 landscape in the export dialog.",
            "PDF export cuts off wide tables", AtMost: 3),
        new("keel", "A trace hook in the kernel's context switch", "", KnownIssueKind.FeatureRequest, KnownIssueStatus.FixPlanned, "6.1",
            "Keel 6.1 adds a hook called on every context switch, for tracing tools.",
            "Trace hook in the context switch", AtMost: 3),
    ];

    /// <returns>How many tickets were linked.</returns>
    public static async Task<int> SeedAsync(
        IServiceProvider services, IReadOnlyDictionary<string, int> userIds, IReadOnlyDictionary<string, int> organisationIds, DateTime nowUtc)
    {
        var store = services.GetRequiredService<IKnownIssueStore>();
        var catalogue = services.GetRequiredService<IScopeStore>();
        var clock = new DemoClock(nowUtc);
        var save = new SaveKnownIssue(store, catalogue, clock);
        var link = new LinkTicketToKnownIssue(services.GetRequiredService<ITicketStore>(), store, clock);
        var manager = TicketActor.Staff(userIds[DemoData.ManagerEmail]);
        var engineer = TicketActor.Staff(userIds["engineer@helpdesk.test"]);
        var products = (await catalogue.ListProductsAsync()).ToDictionary(p => p.Code, p => p.Id, StringComparer.Ordinal);
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        var linked = 0;
        foreach (var demo in Issues)
        {
            var issue = Saved(await save.HandleAsync(new SaveKnownIssueRequest(manager, null, new KnownIssueDraft(
                demo.Title, products[demo.Product], demo.AffectedReleases, demo.Kind, demo.Status, demo.Release, demo.PublicNote))));
            var tickets = (await connection.QueryAsync<(int Id, int OrganisationId)>(
                    "SELECT Id, OrganisationId FROM Tickets WHERE Subject = @Subject ORDER BY Id", new { Subject = demo.TicketSubject }))
                .Where(t => demo.OnlyFor is null || t.OrganisationId == organisationIds[demo.OnlyFor])
                .Take(demo.AtMost ?? int.MaxValue);
            foreach (var ticket in tickets)
            {
                Saved(await link.HandleAsync(new LinkTicketRequest(engineer, ticket.Id, issue.Id)));
                linked++;
            }
        }

        return linked;
    }

    private static T Saved<T>(Result<T> result) => result.Succeeded
        ? result.Value!
        : throw new InvalidOperationException($"A demo known issue could not be saved: {string.Join(" ", result.Errors.Select(e => e.Message))}");
}
