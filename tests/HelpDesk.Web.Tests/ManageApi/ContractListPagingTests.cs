using System.Globalization;
using System.Text.Json;
using HelpDesk.Web.Tests.Infrastructure;
using HelpDesk.Web.Tests.Tickets;

namespace HelpDesk.Web.Tests.ManageApi;

/// <summary>
/// <c>GET /api/contracts</c> filtered and paged by the database: walking every filter two contracts a page returns each
/// matching contract exactly once, newest first, and nothing else. The contracts are spread over time zones a day apart
/// from UTC, and over every state a contract can be in today.
/// </summary>
public sealed class ContractListPagingTests(ContractListPagingTests.Contracts contracts) : IClassFixture<ContractListPagingTests.Contracts>
{
    public static TheoryData<string, string> Filters => new()
    {
        { "all of the organisation", "" },
        { "Expired", "&state=expired" },
        { "Renewed", "&state=Renewed" },
        { "Upcoming", "&state=upcoming" },
        { "Active", "&state=active" },
        { "Cancelled", "&state=cancelled" },
        { "keel", "&productId={keel}" },
        { "ended", "&endingBefore={today}" },
        { "keel, ended", "&productId={keel}&endingBefore={today}" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Paging_ReturnsEveryMatchingContractOnce_NewestFirst(string expected, string filter)
    {
        var made = await contracts.MadeAsync();
        using var manager = await contracts.App.SignInWithTokenAsync(TicketApi.Manager);
        var query = $"/api/contracts?organisationId={made.OrganisationId}{filter.Replace("{keel}", made.Keel.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{today}", Day(0), StringComparison.Ordinal)}";

        var seen = new List<int>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await manager.GetJsonAsync($"{query}&limit=2{(next is null ? "" : $"&after={next}")}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(items.Select(c => c.Number("id")));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.Text("next");
            pages++;
        }
        while (next is not null && pages < 50);

        var want = made.Expected[expected];
        seen.Should().Equal(want.OrderByDescending(id => id), "every match once, newest first, over {0} pages", pages);
        pages.Should().BeGreaterThan(want.Count > 2 ? 1 : 0);
        if (filter.StartsWith("&state=", StringComparison.Ordinal))
        {
            var whole = await manager.GetJsonAsync($"{query}&limit=100");
            whole.GetProperty("items").EnumerateArray().Select(c => c.Text("state")).Should().OnlyContain(s => string.Equals(s, expected, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static string Day(int fromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The contracts of one new organisation, made once for the class, and which filter matches which.</summary>
    public sealed class Contracts : HelpDeskAppFactory
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private Made? _made;

        public HelpDeskAppFactory App => this;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _once.Dispose();
            }

            base.Dispose(disposing);
        }

        public async Task<Made> MadeAsync()
        {
            await _once.WaitAsync();
            try
            {
                return _made ??= await MakeAsync();
            }
            finally
            {
                _once.Release();
            }
        }

        private async Task<Made> MakeAsync()
        {
            using var manager = await App.SignInWithTokenAsync(TicketApi.Manager);
            var organisation = (await manager.CreatedAsync("/api/organisations", new { name = "Paging Partners", region = "Emea", segment = "Standard", emailDomains = Array.Empty<string>() })).Number("id");
            var plan = (await manager.GetJsonAsync("/api/plans")).EnumerateArray().First().Number("id");
            var keel = await App.ProductIdAsync("keel");
            var sextant = await App.ProductIdAsync("sextant");
            var expected = new Dictionary<string, List<int>>(StringComparer.Ordinal);

            async Task<int> MakeOne(string state, int product, int startsIn, int endsIn, string zone, int? renews = null)
            {
                var id = (await manager.CreatedAsync("/api/contracts", new
                {
                    organisationId = organisation,
                    planId = plan,
                    productIds = new[] { product },
                    startsOn = Day(startsIn),
                    endsOn = Day(endsIn),
                    value = "1000.00",
                    timeZone = zone,
                    renewsContractId = renews,
                })).Number("id");
                Add(state, id);
                Add("all of the organisation", id);
                if (product == keel)
                {
                    Add("keel", id);
                }

                if (endsIn < 0)
                {
                    Add("ended", id);
                    if (product == keel)
                    {
                        Add("keel, ended", id);
                    }
                }

                return id;
            }

            void Add(string key, int id)
            {
                if (!expected.TryGetValue(key, out var ids))
                {
                    expected[key] = ids = [];
                }

                ids.Add(id);
            }

            // Zones a day either side of UTC, so that "today" differs between contracts of the same list.
            string[] zones = ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Paris"];
            var first = await MakeOne("Expired", keel, -300, -291, zones[0]);
            var renewed = await MakeOne("Renewed", keel, -280, -271, zones[1]);
            await MakeOne("Expired", keel, -260, -251, zones[2], renews: renewed);
            var renewedToo = await MakeOne("Renewed", sextant, -240, -231, zones[0]);
            await MakeOne("Expired", sextant, -220, -211, zones[1], renews: renewedToo);
            await MakeOne("Active", keel, -5, 100, zones[2]);
            await MakeOne("Active", sextant, -5, 100, zones[0]);
            await MakeOne("Upcoming", keel, 200, 210, zones[1]);
            await MakeOne("Upcoming", sextant, 220, 230, zones[2]);
            await MakeOne("Upcoming", keel, 240, 250, zones[0]);
            foreach (var startsIn in new[] { 300, 320, 340 })
            {
                var made = await manager.CreatedAsync("/api/contracts", new
                {
                    organisationId = organisation,
                    planId = plan,
                    productIds = new[] { keel },
                    startsOn = Day(startsIn),
                    endsOn = Day(startsIn + 10),
                    value = "1000.00",
                    timeZone = zones[startsIn % 3],
                });
                await manager.OkAsync($"/api/contracts/{made.Number("id")}/cancel", new { version = made.Number("version"), reason = "Paging test." });
                Add("Cancelled", made.Number("id"));
                Add("all of the organisation", made.Number("id"));
                Add("keel", made.Number("id"));
            }

            first.Should().BeGreaterThan(0);
            return new Made(organisation, keel, expected.ToDictionary(e => e.Key, e => (IReadOnlyList<int>)e.Value));
        }
    }

    public sealed record Made(int OrganisationId, int Keel, IReadOnlyDictionary<string, IReadOnlyList<int>> Expected);
}
