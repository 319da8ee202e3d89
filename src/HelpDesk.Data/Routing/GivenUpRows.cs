using System.Data.Common;
using Dapper;
using HelpDesk.Core.Routing;

namespace HelpDesk.Data.Routing;

/// <summary>
/// The engineers who gave a ticket up, written in the transaction of the ticket's change and read by the router
/// and the queue pullers. An engineer is recorded once per ticket: the first way they gave it up is kept.
/// </summary>
internal static class GivenUpRows
{
    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, int ticketId, IReadOnlyList<GivenUp> givenUp, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (givenUp.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The ticket's row was just updated under its version, so no other writer records the same engineer at once.
        const string sql = """
            INSERT INTO TicketGivenUp (TicketId, EngineerId, How, CreatedUtc)
            SELECT @TicketId, @EngineerId, @How, @CreatedUtc
            WHERE NOT EXISTS (SELECT 1 FROM TicketGivenUp g WHERE g.TicketId = @TicketId AND g.EngineerId = @EngineerId)
            """;
        var rows = givenUp
            .DistinctBy(g => g.EngineerId)
            .Select(g => new { TicketId = ticketId, g.EngineerId, How = g.How.ToString(), CreatedUtc = nowUtc });
        return connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
    }

    public const string SelectForTickets = """
        SELECT g.TicketId, g.EngineerId, g.How FROM TicketGivenUp g WHERE g.TicketId IN @TicketIds ORDER BY g.TicketId, g.CreatedUtc, g.EngineerId
        """;

    public static async Task<ILookup<int, GivenUp>> ReadAsync(DbConnection connection, IReadOnlyCollection<int> ticketIds, CancellationToken cancellationToken)
    {
        if (ticketIds.Count == 0)
        {
            return Array.Empty<GivenUp>().ToLookup(_ => 0);
        }

        var rows = await connection.QueryAsync<Row>(new CommandDefinition(SelectForTickets, new { TicketIds = ticketIds }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.TicketId, r => new GivenUp(r.EngineerId, Enum.Parse<GiveUp>(r.How)));
    }

    private sealed record Row
    {
        public int TicketId { get; init; }
        public int EngineerId { get; init; }
        public string How { get; init; } = "";
    }
}
