using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using HelpDesk.Core.Sla;
using HelpDesk.Core.Tickets;
using HelpDesk.Web.Tests.Desk;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Portal;

/// <summary>
/// The mail a customer gets: the acknowledgement says how the request was judged, when the SLA answers it in the
/// contract's time zone and where to follow it; the resolution mail rates with one click on a signed link, no sign-in
/// needed, and every mail carries an HTML part that says what its text says.
/// </summary>
public sealed partial class RatingLinkTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Customer = "pat.buyer@northwind.example";

    [Fact]
    public async Task Acknowledgement_StatesTheVerdict_TheDueTimesWhereTheCustomerIs_AndTheTicketsLink()
    {
        var ticket = await app.FileAsync("Acknowledged with facts", requester: Customer);

        var mail = (await app.OutboxForAsync(Customer)).Last(m => m.Kind == TicketMail.Acknowledgement && m.Subject.Contains(ticket.Number, StringComparison.Ordinal));

        mail.TextBody.Should().Contain($"Your request is {Core.Scope.EntitlementWording.Verdict(ticket.Verdict!.Value)}");
        mail.TextBody.Should().Contain($"Follow it on the portal: http://localhost/portal/tickets/{ticket.Number}");
        if (ticket.FirstResponseDueUtc is { } due)
        {
            using var scope = app.Services.CreateScope();
            var zone = (await scope.ServiceProvider.GetRequiredService<ISlaCalendarSource>().ForContractAsync(ticket.Entitlement!.ContractId!.Value))!.Hours.TimeZone;
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(due, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(zone));
            mail.TextBody.Should().Contain($"a first answer by {local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} ({zone})");
        }

        mail.HtmlBody.Should().BeNull("the sender lays the HTML part out from the text, link and all, when it sends it");
    }

    [Fact]
    public async Task ResolutionMail_CarriesFiveSignedLinks_AndOpeningOneRecordsNothing_UntilItIsSent_WithoutSigningIn()
    {
        var ticket = await app.FileAsync("Rate me by mail", requester: Customer);
        await ResolveAsync(ticket);
        var mail = (await app.OutboxForAsync(Customer)).Last(m => m.Kind == TicketMail.StatusNotice && m.Subject.Contains(ticket.Number, StringComparison.Ordinal));
        var links = RateLink().Matches(mail.TextBody).Select(m => new Uri(m.Value).AbsolutePath).ToList();

        links.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        mail.TextBody.Should().Contain("1 (very dissatisfied): http://localhost/rate/").And.Contain("5 (very satisfied): http://localhost/rate/");
        RateLink().Matches(mail.HtmlBody!).Should().HaveCount(5, "the HTML part shows them as buttons");
        var anonymous = app.CreateAnonymousClient();

        var page = await anonymous.GetAsync(links[3]);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Your rating: 4 of 5 (satisfied).").And.Contain("data-send-on-open");
        (await RatingsAsync(ticket.Id)).Should().BeEmpty("opening a link, as a mail filter does, never rates");

        var sent = await anonymous.PostFormAsync(links[3], new Dictionary<string, string>());

        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await sent.Content.ReadAsStringAsync()).Should().Contain($"You rated the resolution of {ticket.Number} 4 of 5 (satisfied).");
        (await RatingsAsync(ticket.Id)).Should().ContainSingle().Which.Should().Be((4L, 1L, (long)(await app.UserIdAsync(Customer))!.Value));

        var again = await anonymous.PostFormAsync(links[0], new Dictionary<string, string>());

        (await again.Content.ReadAsStringAsync()).Should().Contain("Already rated");
        (await RatingsAsync(ticket.Id)).Should().ContainSingle().Which.Score.Should().Be(4, "the first rating of a resolution stands");
    }

    [Fact]
    public async Task AnAlteredLink_OrOneForAnEarlierResolution_RatesNothing_AndSaysWhy()
    {
        var ticket = await app.FileAsync("Reopened after the mail", requester: Customer);
        await ResolveAsync(ticket);
        var first = RateLink().Matches((await app.OutboxForAsync(Customer)).Last(m => m.Kind == TicketMail.StatusNotice && m.Subject.Contains(ticket.Number, StringComparison.Ordinal)).TextBody)
            .Select(m => new Uri(m.Value).AbsolutePath).ToList();
        var anonymous = app.CreateAnonymousClient();

        var altered = first[4][..^3] + (first[4][^3] == 'A' ? "B" : "A") + first[4][^2..];
        var refused = await anonymous.GetAsync(altered);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("This rating link cannot be used").And.NotContain("data-send-on-open");

        await MoveAsync(ticket.Id, TicketStatus.Open);
        await ResolveAsync(ticket);
        var stale = await anonymous.PostFormAsync(first[4], new Dictionary<string, string>());

        stale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("was reopened and resolved again since that mail");
        (await RatingsAsync(ticket.Id)).Should().BeEmpty();
    }

    private Task ResolveAsync(Ticket ticket) => MoveAsync(ticket.Id, TicketStatus.Resolved);

    private async Task MoveAsync(int ticketId, TicketStatus status)
    {
        var actor = TicketActor.Staff((await app.UserIdAsync(DeskFixture.Engineer))!.Value);
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChangeTicketStatus>().HandleAsync(new ChangeTicketStatusRequest(actor, ticketId, status, null));
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Message)));
    }

    private async Task<IReadOnlyList<(long Score, long Resolution, long RaterId)>> RatingsAsync(int ticketId)
    {
        await using var connection = await app.Connections.OpenAsync();
        return [.. await connection.QueryAsync<(long, long, long)>(
            "SELECT Score, Resolution, RaterId FROM TicketRatings WHERE TicketId = @TicketId", new { TicketId = ticketId })];
    }

    [GeneratedRegex(@"http://localhost/rate/[A-Za-z0-9_\-]+")]
    private static partial Regex RateLink();
}
