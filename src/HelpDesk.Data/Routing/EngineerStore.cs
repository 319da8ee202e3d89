using System.Data.Common;
using Dapper;
using HelpDesk.Core.Audit;
using HelpDesk.Core.Routing;
using HelpDesk.Data.Audit;
using HelpDesk.Data.Infrastructure;
using HelpDesk.Data.Scope;

namespace HelpDesk.Data.Routing;

public sealed class EngineerStore(IDbConnectionFactory connections, EngineerProfileCache? cache = null) : IEngineerStore
{
    public async Task<IReadOnlyList<EngineerProfile>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(EngineerRows.SelectAll, cancellationToken: cancellationToken));
        return await EngineerRows.ReadAsync(results);
    }

    public async Task<EngineerProfile?> GetAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, userId, cancellationToken);
    }

    public Task<EngineerProfile?> SaveAsync(EngineerProfile profile, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(SaveCoreAsync(profile, nowUtc, null, cancellationToken));

    public Task<EngineerProfile?> SaveAsync(EngineerProfile profile, DateTime nowUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return InvalidatingAsync(SaveCoreAsync(profile, nowUtc, audit, cancellationToken));
    }

    public Task<bool> AddRateAsync(int userId, CostRate rate, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        InvalidatingAsync(AddRateCoreAsync(userId, rate, nowUtc, null, cancellationToken));

    public Task<bool> AddRateAsync(int userId, CostRate rate, DateTime nowUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return InvalidatingAsync(AddRateCoreAsync(userId, rate, nowUtc, audit, cancellationToken));
    }

    private async Task<EngineerProfile?> SaveCoreAsync(EngineerProfile profile, DateTime nowUtc, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        const string insert = """
            INSERT INTO EngineerProfiles (UserId, Tier, Sourcing, Supplier, PricePerCaseCents, Languages, Categories, Capacity,
                                          Available, LastAssignedUtc, UpdatedUtc, Version)
            VALUES (@UserId, @Tier, @Sourcing, @Supplier, @PricePerCaseCents, @Languages, @Categories, @Capacity,
                    @Available, NULL, @UpdatedUtc, 1)
            """;
        const string update = """
            UPDATE EngineerProfiles
            SET Tier = @Tier, Sourcing = @Sourcing, Supplier = @Supplier, PricePerCaseCents = @PricePerCaseCents,
                Languages = @Languages, Categories = @Categories, Capacity = @Capacity, Available = @Available,
                UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE UserId = @UserId AND Version = @Version
            """;
        const string deleteSkills = "DELETE FROM EngineerSkills WHERE UserId = @UserId";

        // A skill names its product by id, or by code when the id is not known yet; an unknown one inserts nothing.
        const string insertSkillById = """
            INSERT INTO EngineerSkills (UserId, ProductId, Area, Proficiency)
            SELECT @UserId, pr.Id, @Area, @Proficiency FROM Products pr WHERE pr.Id = @ProductId
            """;
        const string insertSkillByCode = """
            INSERT INTO EngineerSkills (UserId, ProductId, Area, Proficiency)
            SELECT @UserId, pr.Id, @Area, @Proficiency FROM Products pr WHERE pr.Code = @ProductCode
            """;
        var parameters = new
        {
            profile.UserId,
            profile.Tier,
            Sourcing = profile.Sourcing.ToString(),
            Supplier = profile.Sourcing == Sourcing.Supplier ? profile.Supplier?.Trim() : null,
            PricePerCaseCents = profile.Sourcing == Sourcing.Supplier ? profile.PricePerCaseCents : null,
            Languages = EngineerRows.FormatCodes(profile.Languages.Select(l => l.ToLowerInvariant())),
            Categories = EngineerRows.FormatCodes(profile.Categories),
            profile.Capacity,
            profile.Available,
            UpdatedUtc = nowUtc,
            profile.Version,
        };
        var skills = profile.Skills
            .Select(s => new
            {
                profile.UserId,
                s.ProductId,
                ProductCode = ScopeStore.NormaliseCode(s.ProductCode),
                Area = string.IsNullOrWhiteSpace(s.Area) ? null : s.Area.Trim(),
                s.Proficiency,
            })
            .ToList();

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(profile.Version == 0 ? insert : update, parameters, transaction, cancellationToken: cancellationToken));
            if (rows == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Someone else made this user's profile first: the caller's "new" is as stale as an old version.
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(deleteSkills, new { profile.UserId }, transaction, cancellationToken: cancellationToken));
        var inserted = await connection.ExecuteAsync(new CommandDefinition(insertSkillById, skills.Where(s => s.ProductId != 0), transaction, cancellationToken: cancellationToken))
            + await connection.ExecuteAsync(new CommandDefinition(insertSkillByCode, skills.Where(s => s.ProductId == 0), transaction, cancellationToken: cancellationToken));
        if (inserted != skills.Count)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ArgumentException("A skill names a product the catalogue does not have.", nameof(profile));
        }

        if (audit is not null)
        {
            await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken, subjectId: profile.UserId);
        }

        var saved = await GetAsync(connection, transaction, profile.UserId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    private async Task<bool> AddRateCoreAsync(int userId, CostRate rate, DateTime nowUtc, ManageAuditEntry? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rate);

        // A rate that has not started yet may be replaced; one that has is part of the past's costs and is kept.
        const string dropFuture = """
            DELETE FROM EngineerRates WHERE UserId = @UserId AND EffectiveFrom = @EffectiveFrom AND EffectiveFrom > @Today
            """;
        const string insert = """
            INSERT INTO EngineerRates (UserId, EffectiveFrom, HourlyCents, CreatedUtc)
            VALUES (@UserId, @EffectiveFrom, @HourlyCents, @CreatedUtc)
            """;
        var parameters = new
        {
            UserId = userId,
            rate.EffectiveFrom,
            rate.HourlyCents,
            Today = DateOnly.FromDateTime(nowUtc),
            CreatedUtc = nowUtc,
        };

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(dropFuture, parameters, transaction, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(insert, parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (audit is not null)
        {
            await ManageAuditRows.InsertAsync(connection, transaction, audit, cancellationToken, subjectId: userId);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<EngineerProfile?> GetAsync(DbConnection connection, DbTransaction? transaction, int userId, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            EngineerRows.SelectOne, new { UserId = userId }, transaction, cancellationToken: cancellationToken));
        return (await EngineerRows.ReadAsync(results)).SingleOrDefault();
    }

    /// <summary>Runs a write, then drops the cached profiles, which it may have changed.</summary>
    private async Task<T> InvalidatingAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            cache?.Invalidate();
        }
    }
}
