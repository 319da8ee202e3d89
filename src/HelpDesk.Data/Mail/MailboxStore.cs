using System.Data.Common;
using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

/// <summary>
/// The IMAP mailboxes, where each poll got to, and the record of every poll. A mailbox's health (failures in a row,
/// last success, last error) is written with the poll that changes it. Names are unique without regard to case.
/// </summary>
public sealed class MailboxStore(IDbConnectionFactory connections) : IMailboxStore
{
    private const string SelectMailbox = """
        SELECT Id, Name, Host, Port, TlsMode, UserName, ProtectedPassword, Folder, ProcessedFolder, FailedFolder, Enabled,
               UidValidity, LastUid, ConsecutiveFailures, LastPollUtc, LastSuccessUtc, LastError, CreatedUtc, Version
        FROM Mailboxes
        """;

    public async Task<IReadOnlyList<Mailbox>> ListAsync(CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectMailbox}
            ORDER BY Name, Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Mailbox>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<Mailbox?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectMailbox}
            WHERE Id = @Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Mailbox>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<int?> CreateAsync(Mailbox mailbox, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO Mailboxes (Name, Host, Port, TlsMode, UserName, ProtectedPassword, Folder, ProcessedFolder, FailedFolder,
                                   Enabled, LastUid, ConsecutiveFailures, CreatedUtc, Version)
            VALUES (@Name, @Host, @Port, @TlsMode, @UserName, @ProtectedPassword, @Folder, @ProcessedFolder, @FailedFolder,
                    @Enabled, 0, 0, @NowUtc, 1)
            """);
        var saved = Clean(mailbox);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int id;
        try
        {
            id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                sql, Settings(saved, nowUtc), transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return null;
        }

        if (await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.MailboxName, saved.Name, id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<bool> UpdateAsync(Mailbox mailbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);

        // Another server, account or folder has other UIDs: the next poll starts from the beginning of the new folder.
        // An empty password means "keep the one stored".
        const string sql = """
            UPDATE Mailboxes
            SET UidValidity = CASE WHEN Host = @Host AND UserName = @UserName AND Folder = @Folder THEN UidValidity ELSE NULL END,
                LastUid = CASE WHEN Host = @Host AND UserName = @UserName AND Folder = @Folder THEN LastUid ELSE 0 END,
                Name = @Name, Host = @Host, Port = @Port, TlsMode = @TlsMode, UserName = @UserName,
                ProtectedPassword = COALESCE(NULLIF(@ProtectedPassword, ''), ProtectedPassword),
                Folder = @Folder, ProcessedFolder = @ProcessedFolder, FailedFolder = @FailedFolder, Enabled = @Enabled,
                Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        var saved = Clean(mailbox);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int rows;
        try
        {
            rows = await connection.ExecuteAsync(new CommandDefinition(sql, Settings(saved, null), transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return false;
        }

        if (rows == 0 || await CaseInsensitiveNames.TakenAsync(connection, transaction, NameColumn.MailboxName, saved.Name, saved.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM MailboxPolls WHERE MailboxId = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM Mailboxes WHERE Id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return rows > 0;
    }

    public async Task SaveProgressAsync(int mailboxId, long uidValidity, long lastUid, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE Mailboxes SET UidValidity = @UidValidity, LastUid = @LastUid WHERE Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            sql, new { Id = mailboxId, UidValidity = uidValidity, LastUid = lastUid }, cancellationToken: cancellationToken));
    }

    public async Task<int> StartPollAsync(int mailboxId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO MailboxPolls (MailboxId, StartedUtc, Fetched, Tickets, Replies, Held, Bounces, Quarantined, Duplicates)
            VALUES (@MailboxId, @NowUtc, 0, 0, 0, 0, 0, 0, 0)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { MailboxId = mailboxId, NowUtc = nowUtc }, cancellationToken: cancellationToken));
    }

    public async Task FinishPollAsync(MailboxPoll poll, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        const string finishPoll = """
            UPDATE MailboxPolls
            SET FinishedUtc = @NowUtc, Fetched = @Fetched, Tickets = @Tickets, Replies = @Replies, Held = @Held,
                Bounces = @Bounces, Quarantined = @Quarantined, Duplicates = @Duplicates, Error = @Error
            WHERE Id = @Id
            """;
        const string succeeded = """
            UPDATE Mailboxes
            SET LastPollUtc = @NowUtc, LastSuccessUtc = @NowUtc, ConsecutiveFailures = 0, LastError = NULL
            WHERE Id = @MailboxId
            """;
        const string failed = """
            UPDATE Mailboxes
            SET LastPollUtc = @NowUtc, ConsecutiveFailures = ConsecutiveFailures + 1, LastError = @Error
            WHERE Id = @MailboxId
            """;
        var parameters = new
        {
            poll.Id,
            poll.MailboxId,
            NowUtc = nowUtc,
            poll.Fetched,
            poll.Tickets,
            poll.Replies,
            poll.Held,
            poll.Bounces,
            poll.Quarantined,
            poll.Duplicates,
            poll.Error,
        };
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(finishPoll, parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            poll.Error is null ? succeeded : failed, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MailboxPoll>> ListPollsAsync(int? mailboxId, int take, CancellationToken cancellationToken = default)
    {
        var filter = mailboxId is null ? "" : "WHERE p.MailboxId = @MailboxId";
        var sql = $"""
            SELECT p.Id, p.MailboxId, m.Name AS MailboxName, p.StartedUtc, p.FinishedUtc, p.Fetched, p.Tickets, p.Replies,
                   p.Held, p.Bounces, p.Quarantined, p.Duplicates, p.Error
            FROM MailboxPolls p
            JOIN Mailboxes m ON m.Id = p.MailboxId
            {filter}
            ORDER BY p.Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MailboxPoll>(new CommandDefinition(
            sql, new { MailboxId = mailboxId, Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static Mailbox Clean(Mailbox mailbox) => mailbox with
    {
        Name = mailbox.Name.Trim(),
        Host = mailbox.Host.Trim(),
        UserName = mailbox.UserName.Trim(),
        Folder = mailbox.Folder.Trim(),
        ProcessedFolder = mailbox.ProcessedFolder.Trim(),
        FailedFolder = mailbox.FailedFolder.Trim(),
    };

    private static object Settings(Mailbox mailbox, DateTime? nowUtc) => new
    {
        mailbox.Id,
        mailbox.Name,
        mailbox.Host,
        mailbox.Port,
        TlsMode = mailbox.TlsMode.ToString(),
        mailbox.UserName,
        mailbox.ProtectedPassword,
        mailbox.Folder,
        mailbox.ProcessedFolder,
        mailbox.FailedFolder,
        mailbox.Enabled,
        mailbox.Version,
        NowUtc = nowUtc,
    };
}
