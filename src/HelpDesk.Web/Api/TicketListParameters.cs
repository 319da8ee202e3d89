using System.Globalization;
using HelpDesk.Core.Common;
using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Api;

/// <summary>
/// The query string of <c>GET /api/tickets</c> read into a <see cref="TicketQuery"/> in the caller's scope. Each
/// parameter that cannot be read is named in an error; staff-only filters (organisation, assignee, skill queue) are
/// ignored for customers, whose scope already limits them to their organisation.
/// </summary>
public sealed record TicketListParameters(TicketQuery? Query, IReadOnlyList<FieldError> Errors)
{
    public static TicketListParameters Parse(
        TicketActor actor,
        string[]? status,
        string? severity,
        string? organisationId,
        string? product,
        string? assignee,
        string? queue,
        string? q,
        string? sort,
        string? limit,
        string? after,
        int defaultLimit,
        int maxLimit)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var errors = new List<FieldError>();

        var statuses = new List<TicketStatus>();
        foreach (var text in status ?? [])
        {
            if (TryEnum<TicketStatus>(text, out var value))
            {
                statuses.Add(value);
            }
            else
            {
                errors.Add(new("status", $"'{text}' is not a status; use one of {string.Join(", ", Enum.GetNames<TicketStatus>())}."));
            }
        }

        Severity? severityFilter = null;
        if (!string.IsNullOrWhiteSpace(severity))
        {
            if (int.TryParse(severity, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 4)
            {
                severityFilter = (Severity)level;
            }
            else
            {
                errors.Add(new("severity", "Severity is a number from 1 (critical) to 4 (low)."));
            }
        }

        var sortOrder = TicketSort.Updated;
        if (!string.IsNullOrWhiteSpace(sort) && !TryEnum(sort, out sortOrder))
        {
            errors.Add(new("sort", "Sort by updated, created, severity or due (the next SLA due time first, as a skill queue is pulled)."));
        }

        var take = defaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > maxLimit))
        {
            errors.Add(new("limit", $"The limit is a number from 1 to {maxLimit}."));
        }

        TicketCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && !TicketCursor.TryDecode(after, sortOrder, out cursor))
        {
            errors.Add(new("after", "The continuation token is not one this list gave out for this sort order; start again from the first page."));
        }

        int? organisationFilter = null;
        int? assigneeId = null;
        var unassigned = false;
        string? skillQueue = null;
        if (!actor.IsCustomer)
        {
            if (!string.IsNullOrWhiteSpace(queue))
            {
                skillQueue = Core.Routing.SkillQueue.Parse(queue.Trim())?.Name;
                if (skillQueue is null)
                {
                    errors.Add(new("queue", "A skill queue is named like keel/tier-2: a product code (or general) and a tier."));
                }
            }

            if (!string.IsNullOrWhiteSpace(organisationId))
            {
                if (int.TryParse(organisationId, NumberStyles.None, CultureInfo.InvariantCulture, out var organisation))
                {
                    organisationFilter = organisation;
                }
                else
                {
                    errors.Add(new("organisationId", "The organisation is given by its id, a number."));
                }
            }

            switch (assignee?.Trim().ToLowerInvariant())
            {
                case null or "":
                    break;
                case "me":
                    assigneeId = actor.UserId;
                    break;
                case "none":
                    unassigned = true;
                    break;
                default:
                    if (int.TryParse(assignee, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    {
                        assigneeId = id;
                    }
                    else
                    {
                        errors.Add(new("assignee", "Give me, none, or an engineer's id."));
                    }

                    break;
            }
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        return new(
            new TicketQuery
            {
                Scope = actor.Scope,
                Statuses = statuses,
                Severity = severityFilter,
                OrganisationId = organisationFilter,
                Product = string.IsNullOrWhiteSpace(product) ? null : product.Trim(),
                AssigneeId = assigneeId,
                UnassignedOnly = unassigned,
                Queue = skillQueue,
                Text = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
                Sort = sortOrder,
                After = cursor,
                Take = take,
            },
            []);
    }

    // Names only: Enum.TryParse would also take "7" as a status that does not exist.
    private static bool TryEnum<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        var name = text?.Trim();
        return !string.IsNullOrEmpty(name)
            && Enum.GetNames<T>().Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            && Enum.TryParse(name, ignoreCase: true, out value);
    }
}
