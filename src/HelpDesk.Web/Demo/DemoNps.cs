using HelpDesk.Core.Economics;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo customers' answers to "How likely are you to recommend us?" over the year, through the real use case with
/// the clock set to each answer's day: one about every 100 days per contact (the rule rests a contact 90 days), the
/// last well over 90 days ago, so each contact is asked again on their next visit. Pleased customers are promoters;
/// Tailspin is lukewarm; Wingtip and Litware, who left, are detractors.
/// </summary>
internal static class DemoNps
{
    private static readonly int[] AnsweredDaysAgo = [340, 235, 130];

    private static readonly Dictionary<string, int[]> Scores = new(StringComparer.Ordinal)
    {
        ["tailspin.example"] = [6, 7, 8],
        ["wingtip.example"] = [2, 4, 6],
        ["litware.example"] = [3, 5, 6],
    };

    private static readonly int[] Promoters = [8, 9, 10, 10];

    /// <returns>How many answers were seeded.</returns>
    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyDictionary<string, int> userIds, IReadOnlyDictionary<string, int> organisationIds, DateTime nowUtc)
    {
        var clock = new DemoClock(nowUtc);
        var answer = new AnswerNps(services.GetRequiredService<INpsStore>(), clock);
        var random = new Random(DemoData.RandomSeed);
        var answers = 0;
        foreach (var person in DemoData.People.Where(p => p.OrganisationDomain is not null && p.Role == Core.Accounts.Roles.Customer))
        {
            var domain = person.OrganisationDomain!;
            var since = DemoContracts.FirstStartDaysAgo(domain);
            var until = DemoContracts.LeftDaysAgo.GetValueOrDefault(domain);
            foreach (var daysAgo in AnsweredDaysAgo.Where(d => d < since && d >= until))
            {
                // During the working day, UTC.
                clock.Now = new DateTimeOffset(nowUtc.Date.AddDays(-daysAgo).AddMinutes(random.Next(9 * 60, 17 * 60)), TimeSpan.Zero);
                var scores = Scores.GetValueOrDefault(domain) ?? Promoters;
                var saved = await answer.HandleAsync(new AnswerNpsRequest(userIds[person.Email], organisationIds[domain], scores[random.Next(scores.Length)], null));
                if (!saved.Succeeded)
                {
                    throw new InvalidOperationException($"A demo NPS answer was refused: {string.Join(" ", saved.Errors.Select(e => e.Message))}");
                }

                answers++;
            }
        }

        return answers;
    }
}
