using Dapper;
using HelpDesk.Core.Tickets;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// The ticket list query, assembled from fixed fragments by which filters are set; every value is a parameter, added
/// beside the filter that uses it. Every list is read in the order of an index (migrations 0023 and 0028) and paged by
/// key (see <see cref="TicketCursor"/>), so the first page and the thousandth cost the same: the most selective filter
/// with an index leads (<see cref="Lead"/>), the others are checked on the rows the index gives. The one list that sorts
/// is a text search whose words match few tickets (<see cref="FewMatches"/> at most): those tickets are read by id and
/// sorted, instead of reading the list's index until enough of its rows match. A search matching more reads the list's
/// index and keeps the rows among its newest matches, checking older rows against the full-text index one by one.
/// </summary>
internal static class TicketListSql
{
    /// <summary>
    /// A text search matching at most this many tickets reads them by id and sorts them (a bounded sort); one matching
    /// more reads the list in index order, where a page needs about (tickets / matches) × 25 rows, so fewer than
    /// tickets / 40 at a million. The count comes from the full-text index, read no further than one more than this.
    /// </summary>
    public const int FewMatches = 1_000;

    private const string Select = """
        SELECT t.Id AS Id, t.Subject, t.Status, t.Severity AS Severity, t.OrganisationId, o.Name AS OrganisationName,
               r.DisplayName AS RequesterName, t.AssigneeId, a.DisplayName AS AssigneeName, t.Product,
               COALESCE(t.OverrideVerdict, t.Verdict) AS Verdict, t.FirstResponseDueUtc, t.ResolveDueUtc,
               t.QueueDueUtc AS NextDueUtc, t.SlaState, t.SlaPausedUtc, t.Tier, t.Queue, t.CreatedUtc AS CreatedUtc,
               t.UpdatedUtc AS UpdatedUtc, t.NeedsClassification, t.QueuedUtc
        """;

    private const string Joins = """
        JOIN Organisations o ON o.Id = t.OrganisationId
        JOIN Users r ON r.Id = t.RequesterId
        LEFT JOIN Users a ON a.Id = t.AssigneeId
        """;

    // Written as the filtered indexes of open tickets are (SQLite uses one only for the same terms).
    private const string Open = "t.Status <> 'Resolved' AND t.Status <> 'Closed'";

    // The index a list of tickets by id reads: none.
    private const string ById = "";

    // Flagged for triage or needing classification: what the Triage tab shows, checked on the rows of another lead.
    private const string Triage = "(t.TriageReason IS NOT NULL OR t.NeedsClassification = 1)";

    /// <summary>The words of the list's text search; null when it has none or asks for a ticket number, empty when its text holds no word.</summary>
    public static IReadOnlyList<string>? WordsOf(TicketQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.IsNullOrWhiteSpace(query.Text) || TicketNumber.TryParse(query.Text, out _) ? null : SearchWords.Of(query.Text);
    }

    /// <summary>
    /// The ids of the tickets the full-text query <paramref name="search"/> matches, as far as one past
    /// <see cref="FewMatches"/>; the full-text index stops there, so this says cheaply whether the matches are few enough
    /// to sort. With <paramref name="newestFirst"/> the newest matches, newest first, as <see cref="Build"/> needs them to
    /// check only older rows one by one.
    /// </summary>
    public static CommandDefinition MatchesOf(string search, TicketScope scope, SqlDialect dialect, bool newestFirst = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(dialect);
        return new CommandDefinition(
            dialect.TicketSearchFirst("Search", scope.IncludeInternal, "Limit", newestFirst),
            new { Search = search, Limit = FewMatches + 1 },
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The command, or null when the search has no word to look for and so matches nothing. With
    /// <paramref name="matches"/> (a text search matching at most <see cref="FewMatches"/> tickets, from
    /// <see cref="MatchesOf"/>) those tickets are read by id,
    /// filtered and sorted. With <paramref name="olderChecked"/> as well, <paramref name="matches"/> are only the
    /// newest matches (every match from the oldest of them on): the list is read in index order, a row from there on
    /// kept when it is among them and an older row checked against the full-text index by its id, one seek per whole
    /// word, so a search for common words reads about a page's worth of rows and gathers nothing. Without either the
    /// list is read in index order, keeping the tickets of every match gathered first. <paramref name="search"/> is the
    /// full-text query (<see cref="SqlDialect.TicketSearchQuery(IReadOnlyList{SearchTerm}, bool)"/>); without it the
    /// words are searched as prefixes.
    /// </summary>
    public static CommandDefinition? Build(
        TicketQuery query, SqlDialect dialect, IReadOnlyList<long>? matches = null, string? search = null, bool olderChecked = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new SqlWhere();
        where.Add("t.OrganisationId = @ScopeOrganisationId", "ScopeOrganisationId", query.Scope.OrganisationId, when: query.Scope.OrganisationId is not null);
        where.Add("t.OrganisationId = @OrganisationId", "OrganisationId", query.OrganisationId, when: query.OrganisationId is not null);
        where.Add("t.Severity = @Severity", "Severity", (int?)query.Severity, when: query.Severity is not null);
        where.Add("t.Product = @Product", "Product", query.Product?.Trim(), when: !string.IsNullOrWhiteSpace(query.Product));

        // "Queue IS NOT NULL" as well lets both engines use the filtered queue indexes with a parameter.
        where.Add("t.Queue = @Queue AND t.Queue IS NOT NULL", "Queue", query.Queue?.Trim(), when: !string.IsNullOrWhiteSpace(query.Queue));
        if (query.UnassignedOnly)
        {
            where.Add("t.AssigneeId IS NULL");
        }
        else
        {
            where.Add("t.AssigneeId = @AssigneeId", "AssigneeId", query.AssigneeId, when: query.AssigneeId is not null);
        }

        where.Add("t.DuplicateOfId = @DuplicateOfId AND t.DuplicateOfId IS NOT NULL", "DuplicateOfId", query.DuplicateOfId, when: query.DuplicateOfId is not null);

        var words = WordsOf(query);
        if (words is { Count: 0 })
        {
            return null;
        }

        var withNotes = query.Scope.IncludeInternal;
        var byIds = words is not null && matches is not null && !olderChecked;
        if (byIds)
        {
            where.Add($"t.Id IN {dialect.IdList("Ids")}", "Ids", SqlDialect.IdsJson(matches!));
        }
        else if (words is not null && matches is not null)
        {
            // SQLite checks a condition holding a subquery after the row's other ones, so a row is only looked up
            // when the list's other filters keep it.
            where.Add($"((t.Id >= @Oldest AND t.Id IN {dialect.IdList("Ids")}) OR (t.Id < @Oldest AND {dialect.TicketSearchHolds("Search", withNotes)}))");
            where.Parameters.Add("Oldest", matches.Count == 0 ? 0 : matches.Min());
            where.Parameters.Add("Ids", SqlDialect.IdsJson(matches));
            where.Parameters.Add("Search", search ?? dialect.TicketSearchQuery(words, withNotes));
        }
        else if (words is not null)
        {
            where.Add($"t.Id IN {dialect.TicketSearchIds("Search", withNotes)}", "Search", search ?? dialect.TicketSearchQuery(words, withNotes));
        }

        var number = words is null && !string.IsNullOrWhiteSpace(query.Text) && TicketNumber.TryParse(query.Text, out var asked) ? asked : 0;
        where.Add("t.Id = @TextId", "TextId", number, when: number > 0);
        AddAfter(where, query);
        where.Parameters.Add("Take", query.Take + 1);

        var lead = Lead.Of(query, number > 0 || byIds);
        var statuses = query.Statuses.Distinct().Select(s => s.ToString()).ToList();
        if (statuses.Count > 0 && !lead.ArmPerStatus(query.Sort))
        {
            where.Add("t.Status IN @Statuses", "Statuses", statuses);
        }

        if (query.TriageOnly && lead.Kind != LeadKind.Triage)
        {
            where.Add(Triage);
            where.Add(Open);
        }

        var arms = lead.Arms(query.Sort, statuses, where.Parameters);
        var sql = arms.Count == 1
            ? $"""
              {Select}
              FROM Tickets t {ReadThrough(arms[0].Index, dialect)}
              {Joins}
              WHERE {string.Join("\n  AND ", where.Clauses.Concat(arms[0].Clauses).DefaultIfEmpty("1 = 1"))}
              ORDER BY {OrderOf(query.Sort, "t.", "t.QueueDueUtc")}
              {dialect.TopClause}
              """
            : $"""
              {string.Join("\nUNION ALL\n", arms.Select(arm => $"""
                  {Select}
                  FROM Tickets t {ReadThrough(arm.Index, dialect)}
                  {Joins}
                  WHERE {string.Join("\n  AND ", where.Clauses.Concat(arm.Clauses))}
                  """))}
              ORDER BY {OrderOf(query.Sort, "", "NextDueUtc")}
              {dialect.TopClause}
              """;
        return new CommandDefinition(sql, where.Parameters, cancellationToken: cancellationToken);
    }

    // With several arms each is read in the list's order and the engine merges them (SQLite: MERGE (UNION ALL)); the
    // compound's ORDER BY names the output columns, which the select list names with AS for it.
    private static string OrderOf(TicketSort sort, string alias, string due) => sort switch
    {
        TicketSort.Created => $"{alias}CreatedUtc DESC, {alias}Id DESC",
        TicketSort.Severity => $"{alias}Severity, {alias}Id DESC",
        TicketSort.Due => $"{due}, {alias}Severity, {alias}CreatedUtc, {alias}Id",
        _ => $"{alias}UpdatedUtc DESC, {alias}Id DESC",
    };

    // Tickets by id are looked up by the primary key alone, never by walking another filter's index.
    private static string ReadThrough(string? index, SqlDialect dialect) => index switch
    {
        null => "",
        ById => dialect.ByKeyOnly,
        _ => dialect.ReadThrough(index),
    };

    // The first column of the sort key bounds the range as well as the exact comparison, so the index is entered at
    // the previous page's last row instead of read from its start.
    private static void AddAfter(SqlWhere where, TicketQuery query)
    {
        switch (query.After)
        {
            case null:
                return;
            case { Sort: TicketSort.Due } due:
                where.Add("""
                    t.QueueDueUtc >= @AfterTime AND (t.QueueDueUtc > @AfterTime OR (t.QueueDueUtc = @AfterTime AND (t.Severity > @AfterSeverity
                     OR (t.Severity = @AfterSeverity AND (t.CreatedUtc > @AfterCreated
                     OR (t.CreatedUtc = @AfterCreated AND t.Id > @AfterId))))))
                    """);

                // The cursor says "no due time" as DateTime.MaxValue; the column says it with its own sentinel.
                where.Parameters.Add("AfterTime", due.KeyTime >= TicketRoutingColumns.NoDueUtc ? TicketRoutingColumns.NoDueUtc : due.KeyTime);
                where.Parameters.Add("AfterSeverity", (int)due.DueSeverity);
                where.Parameters.Add("AfterCreated", due.DueCreatedUtc);
                where.Parameters.Add("AfterId", due.Id);
                return;
            case { Sort: TicketSort.Severity } severity:
                where.Add("t.Severity >= @AfterSeverity AND (t.Severity > @AfterSeverity OR (t.Severity = @AfterSeverity AND t.Id < @AfterId))");
                where.Parameters.Add("AfterSeverity", (int)severity.Key);
                where.Parameters.Add("AfterId", severity.Id);
                return;
            case var after:
                var column = after.Sort == TicketSort.Created ? "t.CreatedUtc" : "t.UpdatedUtc";
                where.Add($"{column} <= @AfterTime AND ({column} < @AfterTime OR ({column} = @AfterTime AND t.Id < @AfterId))");
                where.Parameters.Add("AfterTime", after.KeyTime);
                where.Parameters.Add("AfterId", after.Id);
                return;
        }
    }

    internal enum LeadKind
    {
        None,
        Ids,
        DuplicateOf,
        Organisation,
        Assignee,
        AssigneeOpen,
        Queue,
        Triage,
        Status,
    }

    /// <summary>One SELECT of the list: the index it reads and the filters only it has.</summary>
    private sealed record Arm(string? Index, IReadOnlyList<string> Clauses);

    /// <summary>
    /// The filter whose index a list is read through. Most selective first: tickets by id (one by number, or the few a
    /// text search matches), the duplicates of one ticket, one organisation (every customer's list), one assignee or
    /// none (Mine, Unassigned; their open tickets only when only open statuses are asked for), a skill queue, triage,
    /// then statuses (by update time in (status, updated); sorted otherwise, open ones in the index of open tickets and
    /// any other through the sort's own index, checked on each row: closed tickets are most of them); with none of
    /// these, the sort's own index over all tickets.
    /// </summary>
    private sealed record Lead(LeadKind Kind)
    {
        public static Lead Of(TicketQuery query, bool byId) => new(
            byId ? LeadKind.Ids
            : query.DuplicateOfId is not null && query.Sort == TicketSort.Created ? LeadKind.DuplicateOf
            : query.Scope.OrganisationId is not null || query.OrganisationId is not null ? LeadKind.Organisation
            : (query.AssigneeId is not null || query.UnassignedOnly) && OnlyOpen(query.Statuses) ? LeadKind.AssigneeOpen
            : query.AssigneeId is not null || query.UnassignedOnly ? LeadKind.Assignee
            : !string.IsNullOrWhiteSpace(query.Queue) ? LeadKind.Queue
            : query.TriageOnly ? LeadKind.Triage
            : query.Statuses.Count > 0 && (query.Sort == TicketSort.Updated || OnlyOpen(query.Statuses)) ? LeadKind.Status
            : LeadKind.None);

        /// <summary>
        /// Lists by update time of an assignee or of statuses read (assignee, status, updated) or (status, updated),
        /// indexes the engineers' open counts and the closing of resolved tickets need as well: one arm per status asked
        /// for (or, for an assignee, per status there is), each in order, merged.
        /// </summary>
        public bool ArmPerStatus(TicketSort sort) => Kind is LeadKind.Assignee or LeadKind.AssigneeOpen or LeadKind.Status && sort == TicketSort.Updated;

        private static bool OnlyOpen(IReadOnlyList<TicketStatus> statuses) => statuses.Count > 0 && statuses.All(TicketWorkflow.IsOpen);

        private string? IndexOf(TicketSort sort) => Kind switch
        {
            LeadKind.Ids => ById,
            LeadKind.DuplicateOf => sort == TicketSort.Created ? "IX_Tickets_DuplicateOf_Created" : null,
            LeadKind.Queue when sort == TicketSort.Due => "IX_Tickets_Queue",
            LeadKind.Assignee or LeadKind.AssigneeOpen when ArmPerStatus(sort) => "IX_Tickets_Assignee_Status",
            LeadKind.Status when ArmPerStatus(sort) => "IX_Tickets_Status_Updated",
            LeadKind.Status => $"IX_Tickets_Open_{sort}",
            LeadKind.None => $"IX_Tickets_{sort}",
            _ => $"IX_Tickets_{Kind}_{sort}",
        };

        public IReadOnlyList<Arm> Arms(TicketSort sort, List<string> statuses, DynamicParameters parameters)
        {
            var index = IndexOf(sort);
            if (ArmPerStatus(sort))
            {
                IReadOnlyList<string> each = statuses.Count > 0 ? statuses : Enum.GetNames<TicketStatus>();
                return [.. each.Select((status, i) =>
                {
                    parameters.Add($"Status{i}", status);
                    return new Arm(index, [$"t.Status = @Status{i}"]);
                })];
            }

            return Kind switch
            {
                // Flagged for triage, or needing classification and not flagged: each in its own filtered index.
                LeadKind.Triage =>
                [
                    new(index, ["t.TriageReason IS NOT NULL", Open]),
                    new(sort == TicketSort.Updated ? "IX_Tickets_NeedsClassification" : $"IX_Tickets_NeedsClassification_{sort}", ["t.NeedsClassification = 1", "t.TriageReason IS NULL", Open]),
                ],

                // Only open tickets are in these indexes, so closed ones are never read.
                LeadKind.AssigneeOpen or LeadKind.Status => [new(index, [Open])],
                _ => [new(index, [])],
            };
        }
    }
}
