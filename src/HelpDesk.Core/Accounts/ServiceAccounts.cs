using HelpDesk.Core.Audit;
using HelpDesk.Core.Common;

namespace HelpDesk.Core.Accounts;

/// <summary>
/// An account made by an administrator for another system: it acts only through its API tokens. It is an ordinary
/// account (roles, organisation, deactivation) without a password, with an address under the reserved
/// <c>.invalid</c> domain, and a row in ServiceAccounts that marks it.
/// </summary>
public sealed record ServiceAccount
{
    public int UserId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Organisation { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? DeactivatedUtc { get; init; }
    public string ConcurrencyStamp { get; init; } = "";
    public int ActiveTokens { get; init; }
}

public interface IServiceAccountStore
{
    /// <summary>Marks the new account as a service account, with its audit line, in one transaction.</summary>
    Task MarkAsync(int userId, int createdById, DateTime createdUtc, ManageAuditEntry audit, CancellationToken cancellationToken = default);

    /// <summary>Every service account, by name, with the number of its tokens still usable at <paramref name="nowUtc"/>.</summary>
    Task<IReadOnlyList<ServiceAccount>> ListAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<bool> IsServiceAccountAsync(int userId, CancellationToken cancellationToken = default);
}

public static class ServiceAccountRules
{
    /// <summary>The domain of every service account's address: reserved, so no mail to it is ever delivered.</summary>
    public const string Domain = "service.invalid";

    public static IReadOnlyList<FieldError> CheckNew(string? name, string? role, bool organisationExists)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", "Name the system that will use the account, such as \"CRM\"."));
        }

        if (role is null || !Roles.All.Contains(role, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("role", "Choose the role the system acts in: Customer, Engineer, Manager or Admin."));
        }
        else if (role == Roles.Customer && !organisationExists)
        {
            errors.Add(new FieldError("organisationId", "Choose the organisation whose tickets a customer service account works with."));
        }

        return errors;
    }

    /// <summary>The account's address: its name in letters and digits, made unique by <paramref name="suffix"/>.</summary>
    public static string EmailFor(string name, string suffix)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        if (slug.Length > 40)
        {
            slug = slug[..40].TrimEnd('-');
        }

        return $"{(slug.Length == 0 ? "service" : slug)}-{suffix}@{Domain}";
    }
}
