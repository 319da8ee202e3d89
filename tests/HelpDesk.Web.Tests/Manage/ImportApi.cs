using System.Net;
using System.Text;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;
using static HelpDesk.Web.Tests.Tickets.TicketApi;

namespace HelpDesk.Web.Tests.Manage;

/// <summary>Posts CSV files to <c>/api/import/{kind}</c> and reads the report.</summary>
public static class ImportApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostCsvAsync(this HttpClient client, string kind, bool dryRun, string header, params string[] rows)
    {
        var csv = header + "\n" + string.Join("\n", rows) + "\n";
        var response = await client.PostAsync($"/api/import/{kind}?dryRun={(dryRun ? "true" : "false")}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, await response.JsonAsync());
    }

    /// <summary>The (row, column) of each problem in a dry run's report.</summary>
    public static List<(int Row, string Column)> RowErrors(this JsonElement report) =>
        [.. report.GetProperty("errors").EnumerateArray().Select(e => (e.Number("row"), e.Text("column")))];
}
