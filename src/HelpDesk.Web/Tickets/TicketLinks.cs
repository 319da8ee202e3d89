namespace HelpDesk.Web.Tickets;

/// <summary>Where a ticket's page is, under the number people read and type (<c>HD-42</c>).</summary>
public static class TicketLinks
{
    public static string Portal(string number) => $"/portal/tickets/{number}";

    public static string Desk(string number) => $"/desk/tickets/{number}";
}
