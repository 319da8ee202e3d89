using System.Text;
using Dapper;
using HelpDesk.Core.Attachments;
using HelpDesk.Data.Attachments;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Tests.Infrastructure;

namespace HelpDesk.Data.Tests.Attachments;

public abstract class AttachmentStoreTests : ProviderTestBase
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Utc);

    private AttachmentStore Store => new(Connections);

    [SkippableFact]
    public async Task AddAsync_StoresTheBytesOnce_WhenTwoMessagesAttachTheSameFileUnderDifferentNames()
    {
        var ticket = await SeedTicketAsync("Contoso");
        var log = Encoding.UTF8.GetBytes("2026-11-23 09:29:58 ERROR Connection refused");

        var first = await AddInTransactionAsync(ticket.Id, ticket.FirstMessageId, new NewAttachment("server.log", "text/plain", log));
        var second = await AddInTransactionAsync(ticket.Id, ticket.SecondMessageId, new NewAttachment("server-again.txt", "text/plain", log));

        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AttachmentBlobs")).Should().Be(1);
        var rows = (await connection.QueryAsync<StoredAttachment>(
            "SELECT Id, TicketId, MessageId, FileName, ContentType, SizeBytes, Sha256, CreatedUtc FROM TicketAttachments ORDER BY Id")).AsList();
        rows.Should().BeEquivalentTo(first.Concat(second), options => options.WithStrictOrdering());
        rows.Select(r => r.MessageId).Should().Equal(ticket.FirstMessageId, ticket.SecondMessageId);
        rows.Select(r => r.FileName).Should().Equal("server.log", "server-again.txt");
        rows.Select(r => r.Sha256).Distinct().Should().ContainSingle();
    }

    [SkippableFact]
    public async Task AddAsync_StoresTheBytesOnce_WhenOneMessageAttachesTheSameFileTwice()
    {
        var ticket = await SeedTicketAsync("Contoso");
        var logo = new byte[] { 0x89, 0x50, 0x4E, 0x47 };

        var stored = await AddInTransactionAsync(
            ticket.Id, ticket.FirstMessageId, new NewAttachment("logo.png", "image/png", logo), new NewAttachment("logo (1).png", "image/png", logo));

        stored.Should().HaveCount(2);
        await using var connection = await Connections.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AttachmentBlobs")).Should().Be(1);
    }

    [SkippableFact]
    public async Task AddAsync_NamesTheBlobByTheLowerCaseHexSha256OfItsBytes()
    {
        var ticket = await SeedTicketAsync("Contoso");

        var stored = await AddInTransactionAsync(ticket.Id, ticket.FirstMessageId, new NewAttachment("abc.txt", "text/plain", "abc"u8.ToArray()));

        // The SHA-256 of "abc" from FIPS 180-2, appendix B.1.
        stored.Single().Sha256.Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        stored.Single().SizeBytes.Should().Be(3);
    }

    [SkippableFact]
    public async Task OpenContentAsync_ReturnsTheBytesExactlyAsAttached()
    {
        var ticket = await SeedTicketAsync("Contoso");
        // Larger than one SQL Server page and full of zeros and high bytes, which text handling would mangle.
        var dump = new byte[200_000];
        new Random(42).NextBytes(dump);
        dump[0] = 0;
        dump[^1] = 0xFF;
        var stored = await AddInTransactionAsync(ticket.Id, ticket.FirstMessageId, new NewAttachment("w3wp.dmp", "application/octet-stream", dump));

        await using var content = await Store.OpenContentAsync(stored.Single().Sha256);

        content.Should().NotBeNull();
        using var copy = new MemoryStream();
        await content!.CopyToAsync(copy);
        copy.ToArray().Should().Equal(dump);
        stored.Single().SizeBytes.Should().Be(dump.Length);
    }

    [SkippableFact]
    public async Task OpenContentAsync_ReturnsNull_WhenNoBlobHasTheHash()
    {
        var content = await Store.OpenContentAsync(new string('0', 64));

        content.Should().BeNull();
    }

    [SkippableFact]
    public async Task ListForTicketAsync_ReturnsTheTicketsAttachmentsInTheOrderAdded_AndNoOtherTickets()
    {
        var contoso = await SeedTicketAsync("Contoso");
        var fabrikam = await SeedTicketAsync("Fabrikam");
        await AddInTransactionAsync(contoso.Id, contoso.FirstMessageId, new NewAttachment("a.log", "text/plain", [1]));
        await AddInTransactionAsync(fabrikam.Id, fabrikam.FirstMessageId, new NewAttachment("other.log", "text/plain", [2]));
        await AddInTransactionAsync(
            contoso.Id, contoso.SecondMessageId, new NewAttachment("b.png", "image/png", [3, 4]), new NewAttachment("c.csv", "text/csv", [5]));

        var listed = await Store.ListForTicketAsync(contoso.Id);

        listed.Select(a => (a.FileName, a.MessageId)).Should().Equal(
            ("a.log", contoso.FirstMessageId), ("b.png", contoso.SecondMessageId), ("c.csv", contoso.SecondMessageId));
        listed.Should().OnlyContain(a => a.TicketId == contoso.Id && a.CreatedUtc == Now);
        (await Store.ListForTicketAsync(contoso.Id + fabrikam.Id + 1)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task GetAsync_ReturnsTheAttachmentAsStored()
    {
        var ticket = await SeedTicketAsync("Contoso");
        var stored = await AddInTransactionAsync(ticket.Id, ticket.FirstMessageId, new NewAttachment("report.pdf", "application/pdf", [37, 80, 68, 70]));

        var read = await Store.GetAsync(stored.Single().Id);

        read.Should().BeEquivalentTo(new StoredAttachment
        {
            Id = stored.Single().Id,
            TicketId = ticket.Id,
            MessageId = ticket.FirstMessageId,
            FileName = "report.pdf",
            ContentType = "application/pdf",
            SizeBytes = 4,
            Sha256 = stored.Single().Sha256,
            CreatedUtc = Now,
        });
        read!.CreatedUtc.Kind.Should().Be(DateTimeKind.Utc);
    }

    [SkippableFact]
    public async Task GetAsync_ReturnsNull_WhenNoAttachmentHasTheId()
    {
        var read = await Store.GetAsync(12345);

        read.Should().BeNull();
    }

    [SkippableFact]
    public async Task AddAsync_LeavesNeitherBlobNorAttachment_WhenTheTransactionIsRolledBack()
    {
        var ticket = await SeedTicketAsync("Contoso");

        await using (var connection = await Connections.OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var stored = await Store.AddAsync(
                connection, transaction, ticket.Id, ticket.FirstMessageId, [new NewAttachment("secret.txt", "text/plain", [1, 2, 3])], Now);
            stored.Should().ContainSingle();
            await transaction.RollbackAsync();
        }

        await using var check = await Connections.OpenAsync();
        (await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AttachmentBlobs")).Should().Be(0);
        (await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TicketAttachments")).Should().Be(0);
        (await Store.ListForTicketAsync(ticket.Id)).Should().BeEmpty();
    }

    private async Task<IReadOnlyList<StoredAttachment>> AddInTransactionAsync(int ticketId, int messageId, params NewAttachment[] files)
    {
        await using var connection = await Connections.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var stored = await Store.AddAsync(connection, transaction, ticketId, messageId, files, Now);
        await transaction.CommitAsync();
        return stored;
    }

    /// <summary>An organisation, its customer, a ticket and two messages on it: the rows attachments hang from.</summary>
    private async Task<SeededTicket> SeedTicketAsync(string organisation)
    {
        var dialect = Connections.Dialect;
        await using var connection = await Connections.OpenAsync();
        var organisationId = await connection.ExecuteScalarAsync<int>(dialect.InsertReturningId("""
            INSERT INTO Organisations (Name, Region, Segment, CreatedUtc, Version)
            VALUES (@Name, 'Emea', 'Standard', @Now, 1)
            """), new { Name = organisation, Now });
        var userName = $"ana@{organisation.ToLowerInvariant()}.example";
        var userId = await connection.ExecuteScalarAsync<int>(dialect.InsertReturningId("""
            INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, ConcurrencyStamp, OrganisationId, CreatedUtc)
            VALUES (@UserName, @Normalized, @UserName, @Normalized, 'Ana', 'stamp', @OrganisationId, @Now)
            """), new { UserName = userName, Normalized = userName.ToUpperInvariant(), OrganisationId = organisationId, Now });
        var ticketId = await connection.ExecuteScalarAsync<int>(dialect.InsertReturningId("""
            INSERT INTO Tickets (OrganisationId, RequesterId, Subject, Channel, Severity, Status, CreatedUtc, UpdatedUtc)
            VALUES (@OrganisationId, @UserId, 'Sync fails', 'Portal', 3, 'New', @Now, @Now)
            """), new { OrganisationId = organisationId, UserId = userId, Now });
        const string message = """
            INSERT INTO TicketMessages (TicketId, AuthorId, Kind, BodyText, BodyHtml, CreatedUtc)
            VALUES (@TicketId, @UserId, 'Public', 'See the log.', '<p>See the log.</p>', @Now)
            """;
        var first = await connection.ExecuteScalarAsync<int>(dialect.InsertReturningId(message), new { TicketId = ticketId, UserId = userId, Now });
        var second = await connection.ExecuteScalarAsync<int>(dialect.InsertReturningId(message), new { TicketId = ticketId, UserId = userId, Now });
        return new SeededTicket(ticketId, first, second);
    }

    private sealed record SeededTicket(int Id, int FirstMessageId, int SecondMessageId);
}

public sealed class SqliteAttachmentStoreTests : AttachmentStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SqlServerAttachmentStoreTests : AttachmentStoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}
