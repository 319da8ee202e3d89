using System.Data.Common;
using Dapper;
using HelpDesk.Core.KnownIssues;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.KnownIssues;

/// <summary>Known issues, their linked tickets and fix notices, in one SQL text for both engines.</summary>
public sealed class KnownIssueStore(IDbConnectionFactory connections) : IKnownIssueStore
{
    private const string SelectIssue = """
        SELECT k.Id, k.Title, k.ProductId, p.Name AS ProductName, k.AffectedReleases, k.Kind, k.Status, k.StatusRelease,
               k.PublicNote, k.CreatedUtc, k.UpdatedUtc, k.Version
        FROM KnownIssues k
        JOIN Products p ON p.Id = k.ProductId
        """;

    public async Task<KnownIssue?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        const string sql = $"{SelectIssue} WHERE k.Id = @Id";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<IssueRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken)))?.ToIssue();
    }

    public async Task<IReadOnlyList<KnownIssue>> ListAsync(KnownIssueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const string sql = $"""
            {SelectIssue}
            WHERE (@ProductId IS NULL OR k.ProductId = @ProductId) AND (@Status IS NULL OR k.Status = @Status)
            ORDER BY k.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IssueRow>(new CommandDefinition(
            sql, new { filter.ProductId, Status = filter.Status?.ToString() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToIssue())];
    }

    public async Task<IReadOnlyList<KnownIssue>> ListForOrganisationAsync(int organisationId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            {SelectIssue}
            WHERE k.Id IN (SELECT l.KnownIssueId FROM KnownIssueTickets l JOIN Tickets t ON t.Id = l.TicketId WHERE t.OrganisationId = @OrganisationId)
            ORDER BY k.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IssueRow>(new CommandDefinition(sql, new { OrganisationId = organisationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToIssue())];
    }

    public async Task<IReadOnlyList<ReportedFix>> FixedForOrganisationAsync(int organisationId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT k.Id AS KnownIssueId, k.Title, p.Name AS ProductName, k.StatusRelease AS Release, COUNT(*) AS Tickets
            FROM KnownIssues k
            JOIN Products p ON p.Id = k.ProductId
            JOIN KnownIssueTickets l ON l.KnownIssueId = k.Id
            JOIN Tickets t ON t.Id = l.TicketId
            WHERE k.Status = 'Fixed' AND t.OrganisationId = @OrganisationId
            GROUP BY k.Id, k.Title, p.Name, k.StatusRelease
            ORDER BY k.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReportedFixRow>(new CommandDefinition(sql, new { OrganisationId = organisationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ReportedFix(r.KnownIssueId, r.Title, r.ProductName, r.Release, r.Tickets))];
    }

    public async Task<int> AddAsync(KnownIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var sql = connections.Dialect.InsertReturningId("""
            INSERT INTO KnownIssues (Title, ProductId, AffectedReleases, Kind, Status, StatusRelease, PublicNote, CreatedUtc, UpdatedUtc, Version)
            VALUES (@Title, @ProductId, @AffectedReleases, @Kind, @Status, @StatusRelease, @PublicNote, @CreatedUtc, @UpdatedUtc, 1)
            """);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, Parameters(issue), cancellationToken: cancellationToken));
    }

    public async Task<bool> UpdateAsync(KnownIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issue);
        const string sql = """
            UPDATE KnownIssues
            SET Title = @Title, ProductId = @ProductId, AffectedReleases = @AffectedReleases, Kind = @Kind, Status = @Status,
                StatusRelease = @StatusRelease, PublicNote = @PublicNote, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(issue), cancellationToken: cancellationToken)) == 1;
    }

    public async Task<KnownIssue?> ForTicketAsync(int ticketId, CancellationToken cancellationToken = default)
    {
        const string sql = $"{SelectIssue} JOIN KnownIssueTickets l ON l.KnownIssueId = k.Id WHERE l.TicketId = @TicketId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<IssueRow>(new CommandDefinition(sql, new { TicketId = ticketId }, cancellationToken: cancellationToken)))?.ToIssue();
    }

    public async Task LinkAsync(int ticketId, int? knownIssueId, int linkedById, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string unlink = "DELETE FROM KnownIssueTickets WHERE TicketId = @TicketId";
        const string move = """
            UPDATE KnownIssueTickets SET KnownIssueId = @KnownIssueId, LinkedById = @By, LinkedUtc = @Now, Version = Version + 1
            WHERE TicketId = @TicketId
            """;
        const string link = """
            INSERT INTO KnownIssueTickets (TicketId, KnownIssueId, LinkedById, LinkedUtc, Version)
            VALUES (@TicketId, @KnownIssueId, @By, @Now, 1)
            """;
        var parameters = new { TicketId = ticketId, KnownIssueId = knownIssueId, By = linkedById > 0 ? linkedById : (int?)null, Now = nowUtc };
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (knownIssueId is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(unlink, parameters, cancellationToken: cancellationToken));
            return;
        }

        if (await connection.ExecuteAsync(new CommandDefinition(move, parameters, cancellationToken: cancellationToken)) == 1)
        {
            return;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(link, parameters, cancellationToken: cancellationToken));
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Linked by someone else at the same moment: the last link wins, as it would have a moment later.
            await connection.ExecuteAsync(new CommandDefinition(move, parameters, cancellationToken: cancellationToken));
        }
    }

    public async Task<IReadOnlyList<LinkedTicket>> LinkedTicketsAsync(IReadOnlyList<int> knownIssueIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knownIssueIds);
        if (knownIssueIds.Count == 0)
        {
            return [];
        }

        var sql = $"""
            SELECT l.KnownIssueId, t.Id AS TicketId, t.OrganisationId, o.Name AS OrganisationName, t.Subject, t.Status
            FROM KnownIssueTickets l
            JOIN Tickets t ON t.Id = l.TicketId
            JOIN Organisations o ON o.Id = t.OrganisationId
            WHERE l.KnownIssueId IN {connections.Dialect.IdList("Ids")}
            ORDER BY l.KnownIssueId, t.Id
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkedRow>(new CommandDefinition(sql, new { Ids = SqlDialect.IdsJson(knownIssueIds) }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new LinkedTicket(r.KnownIssueId, r.TicketId, r.OrganisationId, r.OrganisationName, r.Subject, Enum.Parse<TicketStatus>(r.Status)))];
    }

    public async Task<IReadOnlyList<CoveredValue>> CoveredValuesAsync(IReadOnlyList<int> organisationIds, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        if (organisationIds.Count == 0)
        {
            return [];
        }

        var sql = $"""
            SELECT c.OrganisationId, cp.ProductId, SUM(c.ValueCents) AS ValueCents
            FROM Contracts c
            JOIN ContractProducts cp ON cp.ContractId = c.Id
            WHERE c.OrganisationId IN {connections.Dialect.IdList("Organisations")} AND c.Status = 'Active' AND c.StartsOn <= @Day AND c.EndsOn >= @Day
            GROUP BY c.OrganisationId, cp.ProductId
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CoveredValueRow>(new CommandDefinition(
            sql, new { Organisations = SqlDialect.IdsJson(organisationIds), Day = day }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CoveredValue(r.OrganisationId, r.ProductId, r.ValueCents))];
    }

    public async Task<bool> ClaimNoticeAsync(int knownIssueId, int ticketId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = "INSERT INTO KnownIssueNotices (KnownIssueId, TicketId, NotifiedUtc) VALUES (@KnownIssueId, @TicketId, @Now)";
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { KnownIssueId = knownIssueId, TicketId = ticketId, Now = nowUtc }, cancellationToken: cancellationToken));
            return true;
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task ReleaseNoticeAsync(int knownIssueId, int ticketId, CancellationToken cancellationToken = default)
    {
        const string sql = "DELETE FROM KnownIssueNotices WHERE KnownIssueId = @KnownIssueId AND TicketId = @TicketId";
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { KnownIssueId = knownIssueId, TicketId = ticketId }, cancellationToken: cancellationToken));
    }

    private static object Parameters(KnownIssue issue) => new
    {
        issue.Id,
        issue.Title,
        issue.ProductId,
        issue.AffectedReleases,
        Kind = issue.Kind.ToString(),
        Status = issue.Status.ToString(),
        issue.StatusRelease,
        issue.PublicNote,
        issue.CreatedUtc,
        issue.UpdatedUtc,
        issue.Version,
    };

    private sealed record IssueRow
    {
        public int Id { get; init; }
        public string Title { get; init; } = "";
        public int ProductId { get; init; }
        public string ProductName { get; init; } = "";
        public string AffectedReleases { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public string? StatusRelease { get; init; }
        public string PublicNote { get; init; } = "";
        public DateTime CreatedUtc { get; init; }
        public DateTime UpdatedUtc { get; init; }
        public int Version { get; init; }

        public KnownIssue ToIssue() => new()
        {
            Id = Id,
            Title = Title,
            ProductId = ProductId,
            ProductName = ProductName,
            AffectedReleases = AffectedReleases,
            Kind = Enum.Parse<KnownIssueKind>(Kind),
            Status = Enum.Parse<KnownIssueStatus>(Status),
            StatusRelease = StatusRelease,
            PublicNote = PublicNote,
            CreatedUtc = CreatedUtc,
            UpdatedUtc = UpdatedUtc,
            Version = Version,
        };
    }

    private sealed record LinkedRow
    {
        public int KnownIssueId { get; init; }
        public int TicketId { get; init; }
        public int OrganisationId { get; init; }
        public string OrganisationName { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
    }

    private sealed record ReportedFixRow
    {
        public int KnownIssueId { get; init; }
        public string Title { get; init; } = "";
        public string ProductName { get; init; } = "";
        public string? Release { get; init; }
        public int Tickets { get; init; }
    }

    private sealed record CoveredValueRow
    {
        public int OrganisationId { get; init; }
        public int ProductId { get; init; }
        public long ValueCents { get; init; }
    }
}
