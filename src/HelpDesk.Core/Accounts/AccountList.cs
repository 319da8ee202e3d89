namespace HelpDesk.Core.Accounts;

/// <summary>Where an account stands, as the admin's list shows and filters it.</summary>
public enum AccountState
{
    /// <summary>Signs in (or may, once it has a password it has confirmed by mail).</summary>
    Active,

    /// <summary>The address is not confirmed yet: an invitation or a registration waiting for its link to be opened.</summary>
    Pending,

    /// <summary>Deactivated by an administrator: cannot sign in.</summary>
    Deactivated,
}

/// <summary>A search of the admin's user list; every part is optional.</summary>
/// <param name="Text">Part of the name, email address or organisation name.</param>
/// <param name="Page">From 1.</param>
public sealed record AccountQuery(string? Text = null, string? Role = null, AccountState? State = null, int Page = 1, int PageSize = AccountQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>The same search with page and size brought into range.</summary>
    public AccountQuery Bounded() => this with
    {
        Page = Math.Max(1, Page),
        PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Role = Roles.All.FirstOrDefault(r => string.Equals(r, Role, StringComparison.OrdinalIgnoreCase)),
    };
}

/// <summary>One account as the admin's list shows it.</summary>
public sealed record AccountRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? Organisation { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public bool EmailConfirmed { get; init; }
    public bool HasPassword { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? DeactivatedUtc { get; init; }

    public AccountState State => AccountRules.StateOf(DeactivatedUtc, EmailConfirmed);

    /// <summary>The state in words: an unconfirmed account without a password was invited (or wrote in by mail).</summary>
    public string StateText => State switch
    {
        AccountState.Deactivated => "deactivated",
        AccountState.Pending => HasPassword ? "unconfirmed" : "invited",
        _ => "active",
    };
}

/// <summary>One page of the admin's user list.</summary>
public sealed record AccountPage(IReadOnlyList<AccountRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
