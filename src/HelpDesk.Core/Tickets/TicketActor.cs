namespace HelpDesk.Core.Tickets;

public enum ActorKind
{
    Customer,
    Staff,
    System,
}

/// <summary>
/// Who acts on a ticket. A customer acts only within their organisation: every customer-facing query takes
/// <see cref="OrganisationId"/> as a parameter, so another organisation's ticket is simply not found.
/// </summary>
public sealed record TicketActor(int? UserId, ActorKind Kind, int? OrganisationId = null)
{
    public static TicketActor System { get; } = new(null, ActorKind.System);

    public static TicketActor Customer(int userId, int organisationId) => new(userId, ActorKind.Customer, organisationId);

    public static TicketActor Staff(int userId) => new(userId, ActorKind.Staff);

    public bool IsCustomer => Kind == ActorKind.Customer;

    /// <summary>What this actor may read: a customer their organisation's tickets without internal notes; staff everything.</summary>
    public TicketScope Scope => IsCustomer ? TicketScope.ForOrganisation(OrganisationId ?? -1) : TicketScope.Staff;
}

/// <summary>The part of the ticket data a query may return.</summary>
public sealed record TicketScope(int? OrganisationId, bool IncludeInternal)
{
    public static TicketScope Staff { get; } = new(null, true);

    public static TicketScope ForOrganisation(int organisationId) => new(organisationId, false);
}
