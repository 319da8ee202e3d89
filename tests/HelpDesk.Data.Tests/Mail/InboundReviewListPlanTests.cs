using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Mail;
using HelpDesk.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Data.Tests.Mail;

/// <summary>
/// The held and quarantined lists are read in index order: every statement behind a page, its links and its counts
/// seeks a covering index to the status and never sorts, and a message's row is read only by its id for the page
/// shown, so a page costs the same with 200 or 200,000 waiting.
/// </summary>
public sealed partial class InboundReviewListPlanTests : ProviderTestBase
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task EveryListStatement_SeeksTheStatusIndex_AndSortsNothing()
    {
        var list = new InboundReviewList(Connections);
        foreach (var status in new[] { InboundStatus.Held, InboundStatus.Quarantined })
        {
            foreach (var reason in new[] { null, ReviewReason.For(status)[0] })
            {
                foreach (var sender in new[] { null, "example" })
                {
                    var query = new ReviewQuery(status) { Reason = reason, Sender = sender };
                    await list.PageAsync(query);
                    await list.PageAsync(query with { Before = 10 });
                    await list.PageAsync(query with { After = 10 });
                    await list.CountAsync(status, sender);
                }
            }
        }

        var statements = Db.Connections.Statements.Where(s => s.Contains("FROM InboundMessages", StringComparison.Ordinal)).ToList();
        statements.Should().HaveCountGreaterThan(20);
        foreach (var sql in statements)
        {
            var plan = await PlanAsync(sql);
            var why = sql + "\n" + string.Join("\n", plan);
            plan.Should().Contain(d => IndexSeek().IsMatch(d), why);
            plan.Where(d => d.StartsWith("SEARCH", StringComparison.Ordinal))
                .Should().OnlyContain(d => IndexSeek().IsMatch(d) || d == "SEARCH InboundMessages USING INTEGER PRIMARY KEY (rowid=?)", why);
            plan.Should().NotContain(d => d.StartsWith("SCAN", StringComparison.Ordinal), why);
            plan.Should().NotContain(d => d.Contains("FOR ORDER BY", StringComparison.Ordinal), why);
        }
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        // A raw connection: EXPLAIN is SQLite's own. Every parameter needs a value, not a meaningful one.
        await using var connection = new SqliteConnection(Db.Options.ConnectionString);
        await connection.OpenAsync();
        var parameters = new DynamicParameters();
        foreach (var name in Parameter().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            parameters.Add(name, name is "Edge" or "Take" ? 10 : "x");
        }

        return (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(row => row.Detail)
            .ToList();
    }

    // Only the index: a message's own row is read by its id, for the rows of the page shown.
    [GeneratedRegex(@"^SEARCH InboundMessages USING COVERING INDEX IX_InboundMessages_(Review|Status) \(Status=\?")]
    private static partial Regex IndexSeek();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();
}
