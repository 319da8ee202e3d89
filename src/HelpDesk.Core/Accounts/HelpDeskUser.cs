namespace HelpDesk.Core.Accounts;

/// <summary>
/// A person who signs in: a customer of an organisation, an engineer, a manager or an administrator.
/// ASP.NET Core Identity mutates these properties in place, so this is a class rather than a record.
/// </summary>
public sealed class HelpDeskUser
{
    public int Id { get; set; }
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public bool EmailConfirmed { get; set; }
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string? SecurityStamp { get; set; }
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();
    public string? PhoneNumber { get; set; }
    public bool PhoneNumberConfirmed { get; set; }
    public bool TwoFactorEnabled { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public bool LockoutEnabled { get; set; }
    public int AccessFailedCount { get; set; }

    /// <summary>The customer's organisation; null for staff and for customers awaiting placement.</summary>
    public int? OrganisationId { get; set; }

    /// <summary>The customer may accept and decline services offers for their organisation, not only on their own tickets.</summary>
    public bool CanBuyServices { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When an administrator deactivated the account; null while it is active. A deactivated account cannot sign in.</summary>
    public DateTime? DeactivatedUtc { get; set; }

    /// <summary>A copy that can be changed without changing this one (every property is a value or a string).</summary>
    public HelpDeskUser Copy() => (HelpDeskUser)MemberwiseClone();

    public override string ToString() => Email;
}
