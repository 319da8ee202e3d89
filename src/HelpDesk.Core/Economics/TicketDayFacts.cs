using HelpDesk.Core.Tickets;

namespace HelpDesk.Core.Economics;

/// <summary>
/// A ticket's contribution to the daily facts, day by day. The whole ticket is worked out again whenever it changes,
/// so the result depends only on its history and <c>asOfUtc</c> (which decides whether an unanswered target has
/// been missed yet).
/// </summary>
public static class TicketDayFacts
{
    public static IReadOnlyDictionary<DateOnly, Measures> For(TicketHistory ticket, DateTime asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var days = new SortedDictionary<DateOnly, Measures>();
        Measures OnDay(DateOnly day)
        {
            if (!days.TryGetValue(day, out var cell))
            {
                cell = new Measures();
                days[day] = cell;
            }

            return cell;
        }

        Measures At(DateTime utc) => OnDay(DateOnly.FromDateTime(utc));

        var opened = At(ticket.CreatedUtc);
        opened.TicketsOpened++;
        if (ticket.Verdict == Scope.Verdict.OutOfScope)
        {
            opened.OutOfScopeTickets++;
        }

        AddStatusChanges(ticket, At);
        AddSla(ticket.FirstResponse, ticket.CreatedUtc, asOfUtc, At, firstResponse: true);
        AddSla(ticket.Resolution, ticket.CreatedUtc, asOfUtc, At, firstResponse: false);
        AddLabour(ticket, OnDay);
        foreach (var rating in ticket.Ratings)
        {
            At(rating.AtUtc).AddCsat(rating.Score);
        }

        foreach (var offer in ticket.Offers)
        {
            At(offer.SentUtc).OffersSent++;
            if (offer.AcceptedUtc is { } accepted)
            {
                At(accepted).OffersAccepted++;
            }
        }

        return days;
    }

    private static void AddStatusChanges(TicketHistory ticket, Func<DateTime, Measures> on)
    {
        var reopened = ticket.StatusChanges.Any(c => c.From is TicketStatus.Resolved or TicketStatus.Closed
            && c.To is not (TicketStatus.Resolved or TicketStatus.Closed));
        var firstResolution = true;
        foreach (var change in ticket.StatusChanges)
        {
            if (change.To == TicketStatus.Resolved && change.From != TicketStatus.Resolved)
            {
                var cell = on(change.AtUtc);
                cell.TicketsResolved++;
                if (firstResolution && !reopened && ticket.StaffReplies == 1)
                {
                    cell.FirstContactResolutions++;
                }

                firstResolution = false;
            }
            else if (change.To == TicketStatus.Closed && change.From != TicketStatus.Closed)
            {
                on(change.AtUtc).TicketsClosed++;
            }
        }
    }

    private static void AddSla(SlaOutcome? target, DateTime createdUtc, DateTime asOfUtc, Func<DateTime, Measures> on, bool firstResponse)
    {
        if (target is null)
        {
            return;
        }

        if (target.ReachedUtc is { } reached)
        {
            var cell = on(reached);
            var wall = (long)Math.Max(0, (reached - createdUtc).TotalMinutes);
            var business = target.BusinessMinutes ?? wall;
            if (firstResponse)
            {
                cell.FirstResponseCount++;
                cell.FirstResponseWallMinutes += wall;
                cell.FirstResponseBusinessMinutes += business;
            }
            else
            {
                cell.ResolveCount++;
                cell.ResolveWallMinutes += wall;
                cell.ResolveBusinessMinutes += business;
            }
        }

        // Met on the day it was reached; missed on the day it fell due (an unreached target once its due time passed).
        var met = target.Met;
        if (met is null && target.ReachedUtc is null && target.DueUtc is { } due && due < asOfUtc)
        {
            met = false;
        }

        DateTime? when = met switch
        {
            true => target.ReachedUtc ?? target.DueUtc,
            false => target.DueUtc ?? target.ReachedUtc,
            null => null,
        };
        if (met is null || when is null)
        {
            return;
        }

        var counted = on(when.Value);
        switch (firstResponse, met.Value)
        {
            case (true, true): counted.FirstResponseMet++; break;
            case (true, false): counted.FirstResponseMissed++; break;
            case (false, true): counted.ResolveMet++; break;
            default: counted.ResolveMissed++; break;
        }
    }

    private static void AddLabour(TicketHistory ticket, Func<DateOnly, Measures> on)
    {
        // The same costing the ticket's time log shows, so the drill-down and the facts agree to the cent.
        foreach (var costed in TicketLabour.For(ticket))
        {
            var cell = on(costed.Entry.WorkDate);
            cell.MinutesWorked += costed.Entry.Minutes;
            cell.LabourCostCents += costed.CostCents;
            if (ticket.IsGoodwill)
            {
                cell.GoodwillCostCents += costed.CostCents;
            }
        }
    }
}
