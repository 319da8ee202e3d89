using System.Data.Common;
using Dapper;
using HelpDesk.Core.Economics;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Economics;

/// <summary>
/// NPS asks (0011) and answers (0010). An answer closes its ask with a conditional UPDATE in the answer's transaction,
/// so two sends of the same form save one answer; the answer's insert logs its (day, organisation) for the rollup.
/// </summary>
public sealed class NpsStore(IDbConnectionFactory connections) : INpsStore
{
    public async Task<NpsContact> GetContactAsync(int userId, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT a.Id, a.UserId, a.Channel, a.TicketId, a.AskedUtc, a.Outcome, a.OutcomeUtc
            FROM NpsAsks a WHERE a.UserId = @UserId
            ORDER BY a.AskedUtc DESC, a.Id DESC {connections.Dialect.TopClause};
            SELECT n.AnsweredUtc FROM NpsAnswers n WHERE n.UserId = @UserId
            ORDER BY n.AnsweredUtc DESC {connections.Dialect.TopClause};
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { UserId = userId, Take = 1 }, cancellationToken: cancellationToken));
        var ask = await results.ReadSingleOrDefaultAsync<AskRow>();
        var answered = (await results.ReadAsync<DateTime>()).Select(at => (DateTime?)DateTime.SpecifyKind(at, DateTimeKind.Utc)).FirstOrDefault();
        return new NpsContact(ask?.ToAsk(), answered);
    }

    public async Task<NpsAsk> AddAskAsync(NewNpsAsk ask, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ask);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await InsertAskAsync(connection, null, connections.Dialect, ask, cancellationToken);
    }

    public async Task<NpsAnswer?> AnswerAsync(NpsAnswerWrite answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var insert = connections.Dialect.InsertReturningId("""
            INSERT INTO NpsAnswers (UserId, OrganisationId, Score, Comment, AnsweredUtc, Day, Channel)
            VALUES (@UserId, @OrganisationId, @Score, @Comment, @AnsweredUtc, @Day, @Channel)
            """);
        const string close = """
            UPDATE NpsAsks SET Outcome = 'answered', OutcomeUtc = @AnsweredUtc, AnswerId = @AnswerId
            WHERE Id = @AskId AND UserId = @UserId AND Outcome IS NULL
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var askId = answer.AskId ?? (await InsertAskAsync(connection, transaction, connections.Dialect, answer.NewAsk
            ?? throw new ArgumentException("An answer names its ask or brings a new one.", nameof(answer)), cancellationToken)).Id;
        var args = new { answer.UserId, answer.OrganisationId, answer.Score, answer.Comment, answer.AnsweredUtc, answer.Day, answer.Channel };
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, args, transaction, cancellationToken: cancellationToken));
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            close, new { AskId = askId, AnswerId = id, answer.UserId, answer.AnsweredUtc }, transaction, cancellationToken: cancellationToken));
        if (closed != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return new NpsAnswer(id, answer.UserId, answer.OrganisationId, answer.Score, answer.Comment, answer.Channel, answer.AnsweredUtc, answer.Day);
    }

    public async Task<bool> DismissAsync(int askId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = "UPDATE NpsAsks SET Outcome = 'dismissed', OutcomeUtc = @Now WHERE Id = @Id AND Outcome IS NULL";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Id = askId, Now = nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Records an ask; the ticket store calls it inside the transaction of the resolution that mails the question.</summary>
    internal static async Task<NpsAsk> InsertAskAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, NewNpsAsk ask, CancellationToken cancellationToken)
    {
        var sql = dialect.InsertReturningId("""
            INSERT INTO NpsAsks (UserId, Channel, TicketId, AskedUtc, Outcome, OutcomeUtc)
            VALUES (@UserId, @Channel, @TicketId, @AskedUtc, @Outcome, @OutcomeUtc)
            """);
        var outcomeUtc = ask.Outcome is null ? (DateTime?)null : ask.AskedUtc;
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { ask.UserId, ask.Channel, ask.TicketId, ask.AskedUtc, ask.Outcome, OutcomeUtc = outcomeUtc }, transaction, cancellationToken: cancellationToken));
        return new NpsAsk(id, ask.UserId, ask.Channel, ask.TicketId, ask.AskedUtc, ask.Outcome, outcomeUtc);
    }

    private sealed record AskRow
    {
        public int Id { get; init; }
        public int UserId { get; init; }
        public string Channel { get; init; } = "";
        public int? TicketId { get; init; }
        public DateTime AskedUtc { get; init; }
        public string? Outcome { get; init; }
        public DateTime? OutcomeUtc { get; init; }

        public NpsAsk ToAsk() => new(
            Id, UserId, Channel, TicketId, DateTime.SpecifyKind(AskedUtc, DateTimeKind.Utc), Outcome,
            OutcomeUtc is { } outcome ? DateTime.SpecifyKind(outcome, DateTimeKind.Utc) : null);
    }
}
