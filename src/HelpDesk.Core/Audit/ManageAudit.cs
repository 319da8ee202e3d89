namespace HelpDesk.Core.Audit;

/// <summary>What a manage audit line is about: its <see cref="ManageAuditEntry.Subject"/>, stored as this text.</summary>
public static class AuditSubjects
{
    /// <summary>A contract, by its id.</summary>
    public const string Contract = "contract";

    /// <summary>A product of the catalogue, by its id: its releases and its draft scope are logged under it.</summary>
    public const string Product = "product";

    /// <summary>An environment of the catalogue, by its id.</summary>
    public const string Environment = "environment";

    /// <summary>A user account, by its id: invitations, role changes, deactivation and reset mails sent by an administrator.</summary>
    public const string Account = "account";

    /// <summary>A customer organisation, by its id: its name, region, segment and email domains.</summary>
    public const string Organisation = "organisation";

    /// <summary>A support plan, by its id.</summary>
    public const string Plan = "plan";

    /// <summary>A holiday calendar, by its id.</summary>
    public const string HolidayCalendar = "holiday-calendar";

    /// <summary>An engineer's routing profile, by the engineer's user id: their dated cost rates.</summary>
    public const string Engineer = "engineer";
}

/// <summary>
/// One line of the manage audit trail: who did what to a contract, the catalogue, an account, an organisation, a plan or a holiday calendar, and when. <see cref="Action"/>
/// is a short verb ("cancelled", "retired release 4.0"); <see cref="Detail"/> says what followed from it.
/// </summary>
public sealed record ManageAuditEntry
{
    public int Id { get; init; }
    public required string Subject { get; init; }
    public int SubjectId { get; init; }

    /// <summary>The manager who did it; null for the system.</summary>
    public int? ActorId { get; init; }

    /// <summary>The actor's name as the store found it when reading; empty when writing.</summary>
    public string ActorName { get; init; } = "";
    public required string Action { get; init; }
    public string Detail { get; init; } = "";
    public DateTime AtUtc { get; init; }
}

/// <summary>
/// Reads the manage audit trail. Lines are written by the stores, in the transaction of the change they describe,
/// so a change is never without its line.
/// </summary>
public interface IManageAudit
{
    /// <summary>The lines about one subject, newest first.</summary>
    Task<IReadOnlyList<ManageAuditEntry>> ListAsync(string subject, int subjectId, CancellationToken cancellationToken = default);
}
