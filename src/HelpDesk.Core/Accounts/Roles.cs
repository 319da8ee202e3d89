namespace HelpDesk.Core.Accounts;

/// <summary>The four roles of the help desk. Each guards one area of the site.</summary>
public static class Roles
{
    public const string Customer = "Customer";
    public const string Engineer = "Engineer";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Customer, Engineer, Manager, Admin];
}
