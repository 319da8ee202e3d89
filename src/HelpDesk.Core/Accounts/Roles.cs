namespace HelpDesk.Core.Accounts;

/// <summary>The four roles of the help desk. Each guards one area of the site.</summary>
public static class Roles
{
    public const string Customer = "Customer";
    public const string Engineer = "Engineer";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Customer, Engineer, Manager, Admin];

    /// <summary>
    /// Where someone of these roles lands after signing in: the area of their role (Customer /portal, Engineer /desk,
    /// Manager /manage, Admin /admin); with several roles, the one furthest down that list; with none, the home page.
    /// </summary>
    public static string LandingPage(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = roles.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return held.Contains(Admin) ? "/admin"
            : held.Contains(Manager) ? "/manage"
            : held.Contains(Engineer) ? "/desk"
            : held.Contains(Customer) ? "/portal"
            : "/";
    }
}
