using System.Data.Common;
using Dapper;
using HelpDesk.Core.Routing;

namespace HelpDesk.Data.Routing;

/// <summary>
/// The rows of engineer profiles, skills and rates as stored, and their conversion to <see cref="EngineerProfile"/>,
/// shared by the engineer and routing stores. Languages and categories are stored as comma-separated codes; the
/// name and email come from the user the profile belongs to, the product code from the catalogue.
/// </summary>
internal static class EngineerRows
{
    /// <summary>The statuses of a ticket that counts against its assignee's capacity.</summary>
    public const string OpenStatuses = "'New', 'Open', 'PendingCustomer', 'OnHold'";

    private const string ProfileColumns = """
        p.UserId, u.DisplayName AS Name, u.Email, p.Tier, p.Sourcing, p.Supplier, p.PricePerCaseCents, p.Languages,
        p.Categories, p.Capacity, p.Available, p.LastAssignedUtc, p.Version
        """;

    /// <summary>Every profile, by name, with its skills and rates: three statements for <see cref="ReadAsync"/>.</summary>
    public const string SelectAll = $"""
        SELECT {ProfileColumns} FROM EngineerProfiles p JOIN Users u ON u.Id = p.UserId ORDER BY u.DisplayName, p.UserId;
        SELECT s.UserId, s.ProductId, pr.Code AS ProductCode, s.Area, e.Name AS AreaName, s.Proficiency
        FROM EngineerSkills s JOIN Products pr ON pr.Id = s.ProductId LEFT JOIN Environments e ON e.Code = s.Area ORDER BY s.UserId, s.Id;
        SELECT r.UserId, r.EffectiveFrom, r.HourlyCents FROM EngineerRates r ORDER BY r.UserId, r.EffectiveFrom;
        """;

    /// <summary>One profile (<c>@UserId</c>) with its skills and rates: three statements for <see cref="ReadAsync"/>.</summary>
    public const string SelectOne = $"""
        SELECT {ProfileColumns} FROM EngineerProfiles p JOIN Users u ON u.Id = p.UserId WHERE p.UserId = @UserId;
        SELECT s.UserId, s.ProductId, pr.Code AS ProductCode, s.Area, e.Name AS AreaName, s.Proficiency
        FROM EngineerSkills s JOIN Products pr ON pr.Id = s.ProductId LEFT JOIN Environments e ON e.Code = s.Area WHERE s.UserId = @UserId ORDER BY s.Id;
        SELECT r.UserId, r.EffectiveFrom, r.HourlyCents FROM EngineerRates r WHERE r.UserId = @UserId ORDER BY r.EffectiveFrom;
        """;

    public static async Task<List<EngineerProfile>> ReadAsync(SqlMapper.GridReader results)
    {
        var profiles = (await results.ReadAsync<ProfileRow>()).AsList();
        var skills = (await results.ReadAsync<SkillRow>()).ToLookup(s => s.UserId, s => new EngineerSkill(s.ProductId, s.ProductCode, s.Area, s.Proficiency) { AreaName = s.AreaName });
        var rates = (await results.ReadAsync<RateRow>()).ToLookup(r => r.UserId, r => new CostRate(r.EffectiveFrom, r.HourlyCents));
        return profiles.Select(p => p.ToProfile(skills[p.UserId].ToList(), rates[p.UserId].ToList())).ToList();
    }

    /// <summary>
    /// Records that the engineer was just given a ticket, for the router's "longest since last assignment" tie-break.
    /// Nothing happens for a user with no profile. The profile's version is left alone: this is not an edit of it.
    /// </summary>
    public static Task MarkAssignedAsync(DbConnection connection, DbTransaction transaction, int engineerId, DateTime nowUtc, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE EngineerProfiles SET LastAssignedUtc = @Now WHERE UserId = @UserId",
            new { UserId = engineerId, Now = nowUtc },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// As <see cref="MarkAssignedAsync"/>, only while the engineer holds fewer open tickets than their capacity (the
    /// count the Tickets triggers keep): false, and nothing written, when they are full.
    /// </summary>
    public static async Task<bool> TryMarkAssignedAsync(DbConnection connection, DbTransaction transaction, int engineerId, DateTime nowUtc, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE EngineerProfiles SET LastAssignedUtc = @Now WHERE UserId = @UserId AND OpenTickets < Capacity",
            new { UserId = engineerId, Now = nowUtc },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    public static string FormatCodes(IEnumerable<string> codes) =>
        string.Join(",", codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));

    public static List<string> ParseCodes(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private sealed record ProfileRow
    {
        public int UserId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public int Tier { get; init; }
        public Sourcing Sourcing { get; init; }
        public string? Supplier { get; init; }
        public long? PricePerCaseCents { get; init; }
        public string Languages { get; init; } = "";
        public string Categories { get; init; } = "";
        public int Capacity { get; init; }
        public bool Available { get; init; }
        public DateTime? LastAssignedUtc { get; init; }
        public int Version { get; init; }

        public EngineerProfile ToProfile(List<EngineerSkill> skills, List<CostRate> rates) => new()
        {
            UserId = UserId,
            Name = Name,
            Email = Email,
            Tier = Tier,
            Sourcing = Sourcing,
            Supplier = Supplier,
            PricePerCaseCents = PricePerCaseCents,
            Skills = skills,
            Languages = ParseCodes(Languages),
            Categories = ParseCodes(Categories),
            Rates = rates,
            Capacity = Capacity,
            Available = Available,
            LastAssignedUtc = LastAssignedUtc,
            Version = Version,
        };
    }

    private sealed record SkillRow
    {
        public int UserId { get; init; }
        public int ProductId { get; init; }
        public string ProductCode { get; init; } = "";
        public string? Area { get; init; }
        public string? AreaName { get; init; }
        public int Proficiency { get; init; }
    }

    private sealed record RateRow
    {
        public int UserId { get; init; }
        public DateOnly EffectiveFrom { get; init; }
        public long HourlyCents { get; init; }
    }
}
