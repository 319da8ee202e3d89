using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HelpDesk.Core.Mail;
using HelpDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Mail;

/// <summary>
/// The held and quarantined lists as staff use them: every message reachable a page at a time however many wait,
/// counted per reason, filtered by reason and sender, and released or deleted a selection at a time with each row's
/// outcome reported. Each test's mail comes from a sender of its own, and the tests filter on it.
/// </summary>
public sealed partial class ReviewListPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Admin = "admin@helpdesk.test";
    private const string Engineer = "engineer@helpdesk.test";

    private IInboundMailStore Inbound => app.Services.GetRequiredService<IInboundMailStore>();

    [Fact]
    public async Task Held_PagesPastTwoHundred_CountsThem_AndItsLinksKeepTheFilters()
    {
        var tag = Tag();
        var ids = new List<int>();
        for (var i = 0; i < 230; i++)
        {
            ids.Add(await HoldAsync($"{tag}-{i}@monitor.example", $"Disk {i}"));
        }

        var engineer = await app.SignInAsync(Engineer);
        var url = $"/desk/mail/held?reason=robot&sender={tag}";
        var seen = new List<int>();
        var pages = new List<string>();
        while (url is not null)
        {
            var html = await engineer.GetStringAsync(url);
            pages.Add(html);
            seen.AddRange(HeldRows().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            url = Link(html, "next");
        }

        seen.Should().Equal(Enumerable.Reverse(ids));
        pages.Should().HaveCount(5);
        pages[0].Should().Contain("Showing 50 of 230 held that match.").And.Contain("<span class=\"count\" data-reason=\"robot\">230</span>");
        pages[0].Should().NotContain("rel=\"prev\"");
        var newer = Link(pages[^1], "prev");
        newer.Should().Contain($"sender={tag}").And.Contain("reason=robot").And.Contain("after=");
        HeldRows().Matches(await engineer.GetStringAsync(newer!)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(seen.Skip(150).Take(50));
    }

    [Fact]
    public async Task Held_CountsEachReason_AndFiltersByReasonAndSender()
    {
        var tag = Tag();
        var robot = await HoldAsync($"robot@{tag}.example", "Out of office");
        var bounce = await HoldAsync($"mailer-daemon@{tag}.example", "Undeliverable", MailKind.Bounce);
        var throttled = await HoldAsync($"flood@{tag}.example", "Again", MailKind.Person, HoldKind.Throttled);
        var outsider = await HoldAsync($"stranger@{tag}.example", "Me too", MailKind.Person, HoldKind.NotParticipant);
        var unverified = await HoldAsync($"staff@{tag}.example", "Fixed it", MailKind.Person, HoldKind.Unverified);
        var elsewhere = await HoldAsync($"robot@other-{tag}.test", "Newsletter");
        var engineer = await app.SignInAsync(Engineer);

        var all = await engineer.GetStringAsync($"/desk/mail/held?sender=@{tag}.example");
        var bounces = await engineer.GetStringAsync($"/desk/mail/held?sender=@{tag}.example&reason=bounce");
        var upper = await engineer.GetStringAsync($"/desk/mail/held?sender=STRANGER@{tag.ToUpperInvariant()}");

        Counts(all).Should().Equal(new Dictionary<string, string>
        {
            ["all"] = "5",
            ["robot"] = "1",
            ["bounce"] = "1",
            ["throttled"] = "1",
            ["not-participant"] = "1",
            ["unverified"] = "1",
            ["other"] = "0",
        });
        Rows(all).Should().Equal(unverified, outsider, throttled, bounce, robot);
        Rows(bounces).Should().Equal(bounce);
        bounces.Should().Contain("<a aria-current=\"page\" href=\"/desk/mail/held?reason=bounce&amp;");
        Rows(upper).Should().Equal(outsider);
        Rows(await engineer.GetStringAsync($"/desk/mail/held?sender=other-{tag}")).Should().Equal(elsewhere);
        (await engineer.GetStringAsync($"/desk/mail/held?sender=nobody-{tag}")).Should().Contain("No held mail matches the filters.");
    }

    [Fact]
    public async Task Held_ReleaseSelected_ReleasesEach_AndSaysWhatBecameOfEveryRow()
    {
        var tag = Tag();
        var first = await HoldAsync($"{tag}-a@northwind.example", "Printer offline");
        var second = await HoldAsync($"{tag}-b@northwind.example", "Scanner offline");
        var dealtWith = await HoldAsync($"{tag}-c@northwind.example", "Already handled");
        var quarantined = await QuarantineAsync($"garbage {tag}");
        var engineer = await app.SignInAsync(Engineer);
        (await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: $"Delete&id={dealtWith}")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var response = await engineer.PostFormAsync(
            $"/desk/mail/held?sender={tag}",
            Selected(first, second, dealtWith, quarantined).Append(new("sender", tag)),
            handler: "ReleaseSelected");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain($"sender={tag}");
        var page = await engineer.GetStringAsync(response.Headers.Location!.OriginalString);
        var released = (await Inbound.GetAsync(first))!;
        released.Status.Should().Be(InboundStatus.Released);
        (await Inbound.GetAsync(second))!.Status.Should().Be(InboundStatus.Released);
        (await Inbound.GetAsync(quarantined))!.Status.Should().Be(InboundStatus.Quarantined, "the held list never touches the quarantine");
        Outcome(page, first).Should().Contain("Made").And.Contain($"<a href=\"/desk/tickets/HD-{released.TicketId}\">HD-{released.TicketId}</a>");
        Outcome(page, second).Should().Contain("Made");
        Outcome(page, dealtWith).Should().Contain("Already dealt with");
        Outcome(page, quarantined).Should().Contain("Already dealt with");
        page.Should().Contain("2 of 4 selected messages dealt with");
        Rows(page).Should().BeEmpty();

        (await engineer.GetStringAsync($"/desk/mail/held?sender={tag}")).Should().NotContain("review-outcomes", "the outcome is told once");
    }

    [Fact]
    public async Task Held_DeleteSelected_DeletesEach_AndKeepsThePlace()
    {
        var tag = Tag();
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await HoldAsync($"{tag}-{i}@monitor.example", $"Alert {i}"));
        }

        var engineer = await app.SignInAsync(Engineer);
        var response = await engineer.PostFormAsync(
            $"/desk/mail/held?sender={tag}&reason=robot",
            Selected(ids[0], ids[1]).Append(new("sender", tag)).Append(new("reason", "robot")).Append(new("before", (ids[2] + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            handler: "DeleteSelected");

        response.Headers.Location!.OriginalString.Should().Contain($"sender={tag}").And.Contain("reason=robot").And.Contain($"before={ids[2] + 1}");
        var page = await engineer.GetStringAsync(response.Headers.Location!.OriginalString);
        (await Inbound.GetAsync(ids[0]))!.Status.Should().Be(InboundStatus.Deleted);
        (await Inbound.GetAsync(ids[1]))!.Status.Should().Be(InboundStatus.Deleted);
        (await Inbound.GetAsync(ids[2]))!.Status.Should().Be(InboundStatus.Held);
        Outcome(page, ids[0]).Should().Contain("Deleted.");
        Rows(page).Should().Equal(ids[2]);
    }

    [Fact]
    public async Task Held_ARowsOwnButtons_ActOnThatRow_AndComeBackToTheFilteredList()
    {
        var tag = Tag();
        var keep = await HoldAsync($"{tag}-keep@monitor.example", "Keep me");
        var drop = await HoldAsync($"{tag}-drop@monitor.example", "Drop me");
        var engineer = await app.SignInAsync(Engineer);
        var list = $"/desk/mail/held?sender={tag}";

        var html = await engineer.GetStringAsync(list);
        var row = html[html.IndexOf($"<tr id=\"held-{drop}\">", StringComparison.Ordinal)..];
        var action = WebUtility.HtmlDecode(Regex.Match(row, "<form method=\"post\" class=\"inline\" action=\"([^\"]+handler=Delete)\"").Groups[1].Value);
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        var response = await engineer.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        action.Should().Contain($"id={drop}").And.Contain($"sender={tag}");
        response.Headers.Location!.OriginalString.Should().Contain($"sender={tag}");
        (await Inbound.GetAsync(drop))!.Status.Should().Be(InboundStatus.Deleted);
        (await Inbound.GetAsync(keep))!.Status.Should().Be(InboundStatus.Held);
    }

    [Fact]
    public async Task Held_ASelectionOfNoneOrOverTwoHundred_DoesNothing_AndSaysWhy()
    {
        var id = await HoldAsync($"{Tag()}@monitor.example", "Too many at once");
        var engineer = await app.SignInAsync(Engineer);

        var none = await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: "DeleteSelected");
        var noneNotice = await engineer.GetStringAsync(none.Headers.Location!.OriginalString);
        var tooMany = await engineer.PostFormAsync("/desk/mail/held", Selected([id, .. Enumerable.Range(1, 200).Select(i => -i)]), handler: "DeleteSelected");
        var tooManyNotice = await engineer.GetStringAsync(tooMany.Headers.Location!.OriginalString);

        noneNotice.Should().Contain("Nothing was selected.");
        tooManyNotice.Should().Contain("Select at most 200 messages at a time; nothing was done.");
        (await Inbound.GetAsync(id))!.Status.Should().Be(InboundStatus.Held);
    }

    [Fact]
    public async Task Quarantine_RetryAndDeleteSelected_SayWhichWereReadAndWhichAreStillUnreadable()
    {
        var tag = Tag();
        var garbage = await QuarantineAsync($"garbage {tag}", $"{tag}-x@northwind.example");
        var readable = await QuarantineAsync(InboundMailEndpointTests.Message($"{tag}-y@northwind.example", "Readable now", $"<{Guid.NewGuid():N}@northwind.example>"), $"{tag}-y@northwind.example");
        var doomed = await QuarantineAsync($"more garbage {tag}", $"{tag}-z@northwind.example");
        var admin = await app.SignInAsync(Admin);

        var list = await admin.GetStringAsync($"/admin/mail/quarantine?sender={tag}");
        var retried = await admin.PostFormAsync($"/admin/mail/quarantine?sender={tag}", Selected(garbage, readable).Append(new("sender", tag)), handler: "ReleaseSelected");
        var afterRetry = await admin.GetStringAsync(retried.Headers.Location!.OriginalString);
        var deleted = await admin.PostFormAsync("/admin/mail/quarantine", Selected(doomed), handler: "DeleteSelected");
        var afterDelete = await admin.GetStringAsync(deleted.Headers.Location!.OriginalString);

        list.Should().Contain("Showing 3 of 3 quarantined that match.").And.Contain("<span class=\"count\" data-reason=\"unreadable\">3</span>");
        Outcome(afterRetry, garbage).Should().Contain("Still unreadable");
        Outcome(afterRetry, readable).Should().Contain("Made HD-");
        (await Inbound.GetAsync(garbage))!.Status.Should().Be(InboundStatus.Quarantined);
        (await Inbound.GetAsync(readable))!.Status.Should().Be(InboundStatus.Released);
        Outcome(afterDelete, doomed).Should().Contain("Deleted, with its bytes.");
        (await Inbound.GetRawAsync(doomed)).Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task SelectionForms_RefuseAPostWithoutTheAntiForgeryToken()
    {
        var id = await HoldAsync($"{Tag()}@monitor.example", "No token");
        var engineer = await app.SignInAsync(Engineer);
        var admin = await app.SignInAsync(Admin);
        var quarantined = await QuarantineAsync($"no token {Tag()}");

        var held = await engineer.PostAsync("/desk/mail/held?handler=DeleteSelected", new FormUrlEncodedContent(Selected(id)));
        var quarantine = await admin.PostAsync("/admin/mail/quarantine?handler=DeleteSelected", new FormUrlEncodedContent(Selected(quarantined)));

        held.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        quarantine.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Inbound.GetAsync(id))!.Status.Should().Be(InboundStatus.Held);
        (await Inbound.GetAsync(quarantined))!.Status.Should().Be(InboundStatus.Quarantined);
    }

    [Fact]
    public async Task OnlyTheAdministrator_ActsOnTheQuarantine_AndNoCustomerOnHeldMail()
    {
        // Readable now, so a retry from the wrong page would make a ticket of it.
        var sender = $"{Tag()}@northwind.example";
        var quarantined = await QuarantineAsync(InboundMailEndpointTests.Message(sender, "Access", $"<{Guid.NewGuid():N}@northwind.example>"), sender);
        var held = await HoldAsync($"{Tag()}@monitor.example", "Access");
        var engineer = await app.SignInAsync(Engineer);
        var customer = await app.SignInAsync("customer@northwind.example");
        var admin = await app.SignInAsync(Admin);

        (await PostWithTokenAsync(engineer, "/admin/mail/quarantine?handler=DeleteSelected", Selected(quarantined))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PostWithTokenAsync(engineer, "/admin/mail/quarantine?handler=ReleaseSelected", Selected(quarantined))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await engineer.GetAsync("/admin/mail/quarantine")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PostWithTokenAsync(customer, "/desk/mail/held?handler=DeleteSelected", Selected(held))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await customer.GetAsync("/desk/mail/held")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The held page's own buttons, given a quarantined message's id, leave it alone.
        (await engineer.PostFormAsync("/desk/mail/held", Selected(quarantined), handler: "DeleteSelected")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: $"Release&id={quarantined}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await engineer.PostFormAsync("/desk/mail/held", new Dictionary<string, string>(), handler: $"Delete&id={quarantined}")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Inbound.GetAsync(quarantined))!.Status.Should().Be(InboundStatus.Quarantined);
        (await Inbound.GetAsync(held))!.Status.Should().Be(InboundStatus.Held);

        // The administrator reviews held mail too.
        (await admin.PostFormAsync("/desk/mail/held", Selected(held), handler: "DeleteSelected")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await Inbound.GetAsync(held))!.Status.Should().Be(InboundStatus.Deleted);
    }

    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static List<KeyValuePair<string, string>> Selected(params int[] ids) =>
        ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    private async Task<int> HoldAsync(string from, string subject, MailKind kind = MailKind.AutoReply, string holdKind = HoldKind.Robot)
    {
        var raw = InboundMailEndpointTests.Message(from, subject, $"<{Guid.NewGuid():N}@example>", "Auto-Submitted: auto-replied", "I am away.");
        return await Inbound.AddAsync(new ReceivedMail
        {
            MessageKey = "mid:" + Guid.NewGuid().ToString("N"),
            Source = "api",
            FromAddress = from,
            Subject = subject,
            ReceivedUtc = DateTime.UtcNow,
            Status = InboundStatus.Held,
            Kind = kind,
            Reason = $"{holdKind}: because",
            Raw = raw,
        });
    }

    private Task<int> QuarantineAsync(string text, string from = "") => QuarantineAsync(Encoding.UTF8.GetBytes($"<html>{text}</html>"), from);

    private async Task<int> QuarantineAsync(byte[] raw, string from) => await Inbound.AddAsync(new ReceivedMail
    {
        MessageKey = ReceivedMail.QuarantineKeyFor(raw),
        Source = "api",
        FromAddress = from,
        Raw = raw,
        Status = InboundStatus.Quarantined,
        Reason = "it names no sender",
        ReceivedUtc = DateTime.UtcNow,
    });

    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync("/account/forgotpassword");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)))));
    }

    private static List<int> Rows(string html) =>
        HeldRows().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static Dictionary<string, string> Counts(string html)
    {
        var nav = html[html.IndexOf("<nav class=\"review-counts\"", StringComparison.Ordinal)..];
        nav = nav[..nav.IndexOf("</nav>", StringComparison.Ordinal)];
        return CountSpans().Matches(nav).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private static string Outcome(string html, int id) => OutcomeItem().Matches(html).FirstOrDefault(m => m.Groups[1].Value == id.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Groups[2].Value is { } item
        ? Regex.Replace(item, "\\s+", " ").Trim()
        : throw new InvalidOperationException($"No outcome for message {id}.");

    private static string? Link(string html, string rel)
    {
        var anchor = Regex.Match(html, $"<a [^>]*rel=\"{rel}\"[^>]*>");
        return anchor.Success ? WebUtility.HtmlDecode(Regex.Match(anchor.Value, "href=\"([^\"]+)\"").Groups[1].Value) : null;
    }

    [GeneratedRegex("<tr id=\"(?:held|quarantined)-(\\d+)\">")]
    private static partial Regex HeldRows();

    [GeneratedRegex("<span class=\"count\" data-reason=\"([a-z-]+)\">(\\d+)</span>")]
    private static partial Regex CountSpans();

    [GeneratedRegex("<li id=\"outcome-(\\d+)\"[^>]*>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex OutcomeItem();
}
