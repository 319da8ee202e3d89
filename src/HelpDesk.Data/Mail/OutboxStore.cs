using Dapper;
using HelpDesk.Core.Mail;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Mail;

public sealed class OutboxStore(IDbConnectionFactory connections) : IOutbox
{
    public async Task<int> EnqueueAsync(OutboundMail mail, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO OutboxMessages (Kind, ToAddress, Subject, TextBody, HtmlBody, CreatedUtc, NextAttemptUtc, Attempts)
            VALUES (@Kind, @ToAddress, @Subject, @TextBody, @HtmlBody, @NowUtc, @NowUtc, 0)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql,
            new { mail.Kind, mail.ToAddress, mail.Subject, mail.TextBody, mail.HtmlBody, NowUtc = nowUtc },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListRecentAsync(int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT Id, Kind, ToAddress, Subject, TextBody, CreatedUtc, SentUtc
            FROM OutboxMessages
            ORDER BY Id DESC
            {connections.Dialect.TopClause}
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OutboxEntry>(new CommandDefinition(sql, new { Take = take }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
