using System.Data.Common;
using Dapper;
using HelpDesk.Data.Infrastructure;

namespace HelpDesk.Data.Tickets;

/// <summary>
/// The whole words SQLite's full-text index holds that start with a search word, read from the index's own list of
/// words (an fts5vocab table, one seek per word found). A word is searched as the start of a word; FTS5 answers such a
/// prefix by first merging the match lists of every word starting so, on every query and every row checked, which for a
/// common word costs as much as reading all its matches. Asked for as any of those whole words instead, the index
/// finds the same tickets and can stop after the first thousand or seek to one ticket. A word that starts more than
/// <see cref="MostTokens"/> words (a short prefix, a number) stays a prefix.
/// </summary>
internal static class TicketSearchTokens
{
    /// <summary>More whole words than this and the word is searched as a prefix: each whole word is a seek per row checked.</summary>
    public const int MostTokens = 8;

    // U+10FFFF, the highest character: above every character that can follow a word's start in a longer word.
    private static readonly string Highest = char.ConvertFromUtf32(0x10FFFF);

    /// <summary>
    /// The whole words the index holds from <c>@Word</c> up to <c>@Last</c> (the word followed by the highest
    /// character, which no word holds), in order, at most <c>@Most</c> + 1 of them. The index's list of words is a table
    /// of this connection (created the first time): a view of the index, not data of its own. Each step seeks the first
    /// word after the one before (char(1) sorts below every character a word can hold). The bound is inclusive and
    /// never a word itself: the list stops at the first word past an inclusive bound, where it would read every
    /// occurrence of a word equal to an exclusive one. SQLite's own statement: SQL Server's CONTAINS takes the prefix
    /// itself.
    /// </summary>
    internal const string Statement = """
        CREATE VIRTUAL TABLE IF NOT EXISTS temp.TicketSearchTerms USING fts5vocab(main, TicketSearch, instance);
        WITH RECURSIVE found(Term, N) AS (
            SELECT (SELECT term FROM temp.TicketSearchTerms WHERE term >= @Word AND term <= @Last LIMIT 1), 1
            UNION ALL
            SELECT (SELECT v.term FROM temp.TicketSearchTerms v WHERE v.term >= found.Term || char(1) AND v.term <= @Last LIMIT 1), N + 1
            FROM found
            WHERE found.Term IS NOT NULL AND N <= @Most
        )
        SELECT Term FROM found WHERE Term IS NOT NULL
        """;

    /// <summary>
    /// The search's words, each with the whole words it starts when the index can say (SQLite, a word of ASCII letters
    /// and digits, which the index holds as written), or null when a word starts no word in the index, so the search
    /// matches nothing.
    /// </summary>
    public static async Task<IReadOnlyList<SearchTerm>?> OfAsync(DbConnection connection, SqlDialect dialect, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (dialect != SqlDialect.Sqlite || !words.Any(IsPlain))
        {
            return [.. words.Select(w => new SearchTerm(w, null))];
        }

        var terms = new List<SearchTerm>(words.Count);
        foreach (var word in words)
        {
            if (!IsPlain(word))
            {
                terms.Add(new SearchTerm(word, null));
                continue;
            }

            var tokens = (await connection.QueryAsync<string>(new CommandDefinition(
                Statement, new { Word = word, Last = word + Highest, Most = MostTokens }, cancellationToken: cancellationToken))).AsList();
            if (tokens.Count == 0)
            {
                return null;
            }

            terms.Add(new SearchTerm(word, tokens.Count > MostTokens ? null : tokens));
        }

        return terms;
    }

    // Lower-case ASCII letters and digits: the index's tokenizer keeps such a word as it is, so its prefix is the same
    // bytes. Other words (accents the tokenizer folds) stay prefixes.
    private static bool IsPlain(string word) => word.Length > 0 && word.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
