using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Accounts;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;
using HelpDesk.Data.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Data.Tests.Tickets;

public abstract class TicketStoreTests : ProviderTestBase
{
    private static readonly HelpDesk.Core.Mail.PublicSite Site = new(new Uri("https://helpdesk.example"));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private TicketStore Store => TestStores.Tickets(Connections);

    private FileTicket Filing => new(Store, new PeopleDirectory(Connections), [], AttachmentPolicy.Default, _clock);

    private async Task<(int OrgA, int OrgB, int CustomerA, int CustomerB, int Engineer)> SeedAsync()
    {
        await using var connection = await Connections.OpenAsync();
        async Task<int> Org(string name) => await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId(
            "INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version) VALUES (@Name, 'Emea', 'Key', @Now, 1)"), new { Name = name, Now = _clock.GetUtcNow().UtcDateTime });
        async Task<int> User(string email, int? org) => await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES (@Email, @Normal, @Email, @Normal, 1, @Email, 'x', @Org, @Now)
            """), new { Email = email, Normal = email.ToUpperInvariant(), Org = org, Now = _clock.GetUtcNow().UtcDateTime });
        var orgA = await Org("Alpha");
        var orgB = await Org("Beta");
        var engineer = await User("eng@helpdesk.test", null);
        var role = await connection.ExecuteScalarAsync<int>(Connections.Dialect.InsertReturningId(
            "INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES ('Engineer', 'ENGINEER', 'x')"));
        await connection.ExecuteAsync("INSERT INTO UserRoles (UserId, RoleId) VALUES (@UserId, @RoleId)", new { UserId = engineer, RoleId = role });
        return (orgA, orgB, await User("a@alpha.example", orgA), await User("b@beta.example", orgB), engineer);
    }

    private async Task<Ticket> FileAsync(int requester, int org, string subject = "Printer on fire", IReadOnlyList<NewAttachment>? files = null)
    {
        var result = await Filing.HandleAsync(new FileTicketRequest
        {
            RequesterId = requester,
            OrganisationId = org,
            Channel = TicketChannel.Web,
            Subject = subject,
            Body = "It <script>alert(1)</script> smokes.",
            Severity = 2,
            Attachments = files ?? [],
        });
        result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    [SkippableFact]
    public async Task FileTicket_SavesTicketMessageAuditAndAcknowledgement_Together()
    {
        var seed = await SeedAsync();

        var ticket = await FileAsync(seed.CustomerA, seed.OrgA, files: [new NewAttachment("log.txt", "text/plain", "boom"u8.ToArray())]);

        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<string>("SELECT Status FROM Tickets WHERE Id = @Id", new { ticket.Id })).Should().Be("New");
        var message = (await Store.ListMessagesAsync(ticket.Id, TicketScope.Staff)).Should().ContainSingle().Subject;
        message.BodyHtml.Should().Contain("&lt;script&gt;").And.NotContain("<script>");
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketAttachments WHERE TicketId = @Id", new { ticket.Id })).Should().Be(1);
        (await Store.ListAuditAsync(ticket.Id)).Should().ContainSingle(a => a.Field == "created");
        var mail = await connection.QuerySingleAsync<(string Kind, string ToAddress, string Subject)>(
            "SELECT Kind, ToAddress, Subject FROM OutboxMessages WHERE TicketId = @Id", new { ticket.Id });
        mail.Kind.Should().Be(TicketMail.Acknowledgement);
        mail.ToAddress.Should().Be("a@alpha.example");
        mail.Subject.Should().StartWith($"[{ticket.Number}]");
    }

    [SkippableFact]
    public async Task FileTicket_SavesNothing_WhenTheInputIsInvalid()
    {
        var seed = await SeedAsync();

        var result = await Filing.HandleAsync(new FileTicketRequest
        {
            RequesterId = seed.CustomerA,
            OrganisationId = seed.OrgA,
            Channel = TicketChannel.Api,
            Subject = new string('x', 201),
            Body = "",
            Severity = 7,
            Attachments = [new NewAttachment("tool.exe", "application/octet-stream", [1, 2, 3])],
        });

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Field).Should().BeEquivalentTo(["subject", "body", "severity", "attachments"]);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Tickets")).Should().Be(0);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages")).Should().Be(0);
    }

    [SkippableFact]
    public async Task Reads_InACustomersScope_NeverReturnAnotherOrganisationsTicket()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);

        (await Store.GetAsync(ticket.Id, TicketScope.ForOrganisation(seed.OrgB))).Should().BeNull();
        (await Store.ListMessagesAsync(ticket.Id, TicketScope.ForOrganisation(seed.OrgB))).Should().BeEmpty();
        (await Store.ListAsync(new TicketQuery { Scope = TicketScope.ForOrganisation(seed.OrgB) })).Items.Should().BeEmpty();
        (await Store.GetAsync(ticket.Id, TicketScope.ForOrganisation(seed.OrgA))).Should().NotBeNull();
    }

    [SkippableFact]
    public async Task InternalNotes_AreLeftOut_OfTheCustomersConversation()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);
        var reply = new ReplyToTicket(Store, new PeopleDirectory(Connections), AttachmentPolicy.Default, _clock);

        var note = await reply.HandleAsync(new ReplyToTicketRequest { Actor = TicketActor.Staff(seed.Engineer), TicketId = ticket.Id, Body = "Customer runs a patched build", Kind = MessageKind.Note });
        var answer = await reply.HandleAsync(new ReplyToTicketRequest { Actor = TicketActor.Staff(seed.Engineer), TicketId = ticket.Id, Body = "Try the latest release" });

        note.Succeeded.Should().BeTrue();
        answer.Succeeded.Should().BeTrue();
        answer.Value!.Status.Should().Be(TicketStatus.Open);
        answer.Value.FirstResponseUtc.Should().NotBeNull();
        (await Store.ListMessagesAsync(ticket.Id, TicketScope.ForOrganisation(seed.OrgA))).Select(m => m.BodyText)
            .Should().Equal("It <script>alert(1)</script> smokes.", "Try the latest release");
        (await Store.ListMessagesAsync(ticket.Id, TicketScope.Staff)).Should().HaveCount(3);
        await using var connection = await Connections.OpenAsync();
        var mailed = await connection.QueryAsync<string>("SELECT TextBody FROM OutboxMessages WHERE TicketId = @Id", new { ticket.Id });
        mailed.Should().NotContain(body => body.Contains("patched build"));
    }

    [SkippableFact]
    public async Task CustomerReply_ReopensAResolvedTicket_AndMailsTheAssignee()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);
        var people = new PeopleDirectory(Connections);
        await TestStores.Assign(Connections, _clock).HandleAsync(new AssignTicketRequest(TicketActor.Staff(seed.Engineer), ticket.Id, seed.Engineer, null));
        await new ChangeTicketStatus(Store, people, _clock, Site).HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), ticket.Id, TicketStatus.Resolved, null));

        var reply = await new ReplyToTicket(Store, people, AttachmentPolicy.Default, _clock).HandleAsync(
            new ReplyToTicketRequest { Actor = TicketActor.Customer(seed.CustomerA, seed.OrgA), TicketId = ticket.Id, Body = "Still broken" });

        reply.Succeeded.Should().BeTrue(string.Join("; ", reply.Errors.Select(e => e.Message)));
        reply.Value!.Status.Should().Be(TicketStatus.Open);
        reply.Value.ResolvedUtc.Should().BeNull();
        await using var connection = await Connections.OpenAsync();
        (await connection.QueryAsync<string>("SELECT ToAddress FROM OutboxMessages WHERE Kind = @Kind", new { Kind = TicketMail.CustomerReply }))
            .Should().ContainSingle().Which.Should().Be("eng@helpdesk.test");
    }

    [SkippableFact]
    public async Task UpdateAsync_ReturnsNull_AndChangesNothing_WhenTheVersionIsStale()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);
        var first = await Store.UpdateAsync(new TicketUpdate(ticket with { Subject = "First edit" }, seed.Engineer, [new AuditChange("subject", ticket.Subject, "First edit")], ticket.CreatedUtc));

        var second = await Store.UpdateAsync(new TicketUpdate(ticket with { Subject = "Stale edit" }, seed.Engineer, [new AuditChange("subject", ticket.Subject, "Stale edit")], ticket.CreatedUtc));

        first!.Version.Should().Be(2);
        second.Should().BeNull();
        (await Store.GetAsync(ticket.Id, TicketScope.Staff))!.Subject.Should().Be("First edit");
        (await Store.ListAuditAsync(ticket.Id)).Should().NotContain(a => a.NewValue == "Stale edit");
    }

    [SkippableFact]
    public async Task ListAsync_PagesByKey_WithoutSkippingOrRepeating()
    {
        var seed = await SeedAsync();
        var filed = new List<int>();
        for (var i = 0; i < 23; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(i % 3)); // several tickets share a timestamp: the id breaks ties
            filed.Add((await FileAsync(seed.CustomerA, seed.OrgA, $"Ticket {i}")).Id);
        }

        foreach (var sort in Enum.GetValues<TicketSort>())
        {
            var seen = new List<int>();
            TicketCursor? after = null;
            do
            {
                var page = await Store.ListAsync(new TicketQuery { Scope = TicketScope.ForOrganisation(seed.OrgA), Sort = sort, Take = 5, After = after });
                seen.AddRange(page.Items.Select(t => t.Id));
                after = null;
                if (page.Next is not null)
                {
                    TicketCursor.TryDecode(page.Next, sort, out after).Should().BeTrue();
                }
            }
            while (after is not null);

            seen.Should().BeEquivalentTo(filed, because: $"sorting by {sort} must list every ticket once");
            seen.Should().OnlyHaveUniqueItems();
        }
    }

    [SkippableFact]
    public async Task ListAsync_PagesThroughSeveralStatuses_InOneOrder_WithoutSkippingOrRepeating()
    {
        var seed = await SeedAsync();
        var status = new ChangeTicketStatus(Store, new PeopleDirectory(Connections), _clock, Site);
        var open = new List<int>();
        for (var i = 0; i < 17; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(i % 2));
            var ticket = await FileAsync(i % 2 == 0 ? seed.CustomerA : seed.CustomerB, i % 2 == 0 ? seed.OrgA : seed.OrgB, $"Ticket {i}");
            var target = (i % 4) switch { 0 => TicketStatus.New, 1 => TicketStatus.OnHold, 2 => TicketStatus.PendingCustomer, _ => TicketStatus.Resolved };
            if (target != TicketStatus.New)
            {
                await status.HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), ticket.Id, target, null));
            }

            if (target != TicketStatus.Resolved)
            {
                open.Add(ticket.Id);
            }
        }

        foreach (var sort in Enum.GetValues<TicketSort>())
        {
            var seen = new List<TicketSummary>();
            TicketCursor? after = null;
            do
            {
                var page = await Store.ListAsync(new TicketQuery
                {
                    Scope = TicketScope.Staff,
                    Statuses = [TicketStatus.New, TicketStatus.Open, TicketStatus.PendingCustomer, TicketStatus.OnHold],
                    Sort = sort,
                    Take = 4,
                    After = after,
                });
                seen.AddRange(page.Items);
                after = null;
                if (page.Next is not null)
                {
                    TicketCursor.TryDecode(page.Next, sort, out after).Should().BeTrue();
                }
            }
            while (after is not null);

            seen.Select(t => t.Id).Should().BeEquivalentTo(open, because: $"sorting by {sort} must list every open ticket once");
            var expected = sort switch
            {
                TicketSort.Created => seen.OrderByDescending(t => t.CreatedUtc).ThenByDescending(t => t.Id),
                TicketSort.Severity => seen.OrderBy(t => t.Severity).ThenByDescending(t => t.Id),
                TicketSort.Due => seen.OrderBy(t => t.NextDueUtc ?? DateTime.MaxValue).ThenBy(t => t.Severity).ThenBy(t => t.CreatedUtc).ThenBy(t => t.Id),
                _ => seen.OrderByDescending(t => t.UpdatedUtc).ThenByDescending(t => t.Id),
            };
            seen.Select(t => t.Id).Should().Equal(expected.Select(t => t.Id), because: $"the pages sorted by {sort} join into one order");
        }
    }

    [SkippableFact]
    public async Task ListAsync_FindsByNumberOrSubjectWords_AndFiltersByStatus()
    {
        var seed = await SeedAsync();
        var printer = await FileAsync(seed.CustomerA, seed.OrgA, "Printer 100% broken");
        await FileAsync(seed.CustomerA, seed.OrgA, "VPN drops");

        var byNumber = await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = printer.Number });
        var byWords = await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Text = "100%" });
        var resolved = await Store.ListAsync(new TicketQuery { Scope = TicketScope.Staff, Statuses = [TicketStatus.Resolved] });

        byNumber.Items.Should().ContainSingle().Which.Id.Should().Be(printer.Id);
        byWords.Items.Should().ContainSingle().Which.Subject.Should().Be("Printer 100% broken");
        resolved.Items.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Ratings_AreKeptOncePerResolution()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);
        var status = new ChangeTicketStatus(Store, new PeopleDirectory(Connections), _clock, Site);
        var rate = new RateTicket(Store, _clock);
        var customer = TicketActor.Customer(seed.CustomerA, seed.OrgA);

        var early = await rate.HandleAsync(new RateTicketRequest(customer, ticket.Id, 5, null));
        await status.HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), ticket.Id, TicketStatus.Resolved, null));
        var first = await rate.HandleAsync(new RateTicketRequest(customer, ticket.Id, 4, "Quick"));
        var again = await rate.HandleAsync(new RateTicketRequest(customer, ticket.Id, 1, null));

        early.Succeeded.Should().BeFalse();
        first.Succeeded.Should().BeTrue();
        again.Failure.Should().Be(Core.Common.Failure.Conflict);
        (await Store.GetRatingAsync(ticket.Id, 1, TicketScope.ForOrganisation(seed.OrgA)))!.Score.Should().Be(4);
    }

    [SkippableFact]
    public async Task CustomerReply_ReopensTheTicket_WhenItWasResolvedOrWaitingForThem()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);
        var status = new ChangeTicketStatus(Store, new PeopleDirectory(Connections), _clock, Site);
        var reply = new ReplyToTicket(Store, new PeopleDirectory(Connections), AttachmentPolicy.Default, _clock);
        var customer = TicketActor.Customer(seed.CustomerA, seed.OrgA);

        await status.HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), ticket.Id, TicketStatus.PendingCustomer, null));
        var answered = await reply.HandleAsync(new ReplyToTicketRequest { Actor = customer, TicketId = ticket.Id, Body = "Here is the log" });
        await status.HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), ticket.Id, TicketStatus.Resolved, null));
        var reopened = await reply.HandleAsync(new ReplyToTicketRequest { Actor = customer, TicketId = ticket.Id, Body = "It is back" });

        answered.Value!.Status.Should().Be(TicketStatus.Open);
        reopened.Succeeded.Should().BeTrue(string.Join("; ", reopened.Errors.Select(e => e.Message)));
        reopened.Value!.Status.Should().Be(TicketStatus.Open);
        reopened.Value.ResolvedUtc.Should().BeNull();
        (await Store.GetAsync(ticket.Id, TicketScope.Staff))!.Status.Should().Be(TicketStatus.Open);
    }

    [SkippableFact]
    public async Task CloseResolvedTickets_ClosesOnlyThoseResolvedLongerAgoThanTheSetting()
    {
        var seed = await SeedAsync();
        var old = await FileAsync(seed.CustomerA, seed.OrgA, "Old");
        var status = new ChangeTicketStatus(Store, new PeopleDirectory(Connections), _clock, Site);
        await status.HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), old.Id, TicketStatus.Resolved, null));
        _clock.Advance(TimeSpan.FromDays(6));
        var recent = await FileAsync(seed.CustomerA, seed.OrgA, "Recent");
        await status.HandleAsync(new ChangeTicketStatusRequest(TicketActor.Staff(seed.Engineer), recent.Id, TicketStatus.Resolved, null));
        _clock.Advance(TimeSpan.FromDays(1.5));

        var closed = await new CloseResolvedTickets(Store, new TicketSettings { CloseResolvedAfterDays = 7 }, _clock).RunAsync();

        closed.Should().Be(1);
        (await Store.GetAsync(old.Id, TicketScope.Staff))!.Status.Should().Be(TicketStatus.Closed);
        (await Store.GetAsync(recent.Id, TicketScope.Staff))!.Status.Should().Be(TicketStatus.Resolved);
    }

    [SkippableFact]
    public async Task LogTime_AddsTheEntryAndAnAuditLine_ForStaffOnly()
    {
        var seed = await SeedAsync();
        var ticket = await FileAsync(seed.CustomerA, seed.OrgA);
        var log = new LogTime(Store, _clock);

        var logged = await log.HandleAsync(new LogTimeRequest(TicketActor.Staff(seed.Engineer), ticket.Id, 45, new DateOnly(2026, 11, 23), "Reproduced", true));
        var byCustomer = await log.HandleAsync(new LogTimeRequest(TicketActor.Customer(seed.CustomerA, seed.OrgA), ticket.Id, 45, new DateOnly(2026, 11, 23), null, true));

        logged.Succeeded.Should().BeTrue();
        byCustomer.Failure.Should().Be(Core.Common.Failure.NotFound);
        (await Store.ListTimeAsync(ticket.Id)).Should().ContainSingle().Which.Should().Match<TimeEntry>(e => e.Minutes == 45 && e.WorkDate == "2026-11-23" && e.Billable);
        (await Store.ListAuditAsync(ticket.Id)).Should().Contain(a => a.Field == "time");
    }
}

public sealed class SqliteTicketStoreTests : TicketStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerTicketStoreTests : TicketStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
