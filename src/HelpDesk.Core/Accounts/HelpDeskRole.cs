namespace HelpDesk.Core.Accounts;

public sealed class HelpDeskRole
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    public override string ToString() => Name;
}
