using HelpDesk.Core.Tickets;

namespace HelpDesk.Web.Demo;

/// <summary>
/// This morning's mail: requests that arrived by email name no product, so they wait on the desk's Triage tab,
/// judged provisionally, for an engineer to classify them.
/// </summary>
internal static class DemoTriage
{
    private sealed record Mailed(string From, int MinutesAgo, string Subject, string Body);

    private static readonly IReadOnlyList<Mailed> Mail =
    [
        new("customer@northwind.example", 95, "Tick counter jumps after resume from low power",
            "Since we moved the boards to 5.0 the tick counter jumps by several seconds whenever a board resumes from low-power mode. Logs attached to the next mail."),
        new("customer@contoso.example", 40, "Gateway drops the MQTT session every night",
            "Every night around 02:00 the gateway loses its MQTT session and only reconnects when we restart the service."),
    ];

    public static int Count => Mail.Count;

    public static async Task SeedAsync(FileTicket file, DemoClock clock, IReadOnlyDictionary<string, int> userIds, IReadOnlyDictionary<string, int> organisationIds, DateTime nowUtc)
    {
        foreach (var mail in Mail)
        {
            clock.Now = new DateTimeOffset(nowUtc.AddMinutes(-mail.MinutesAgo));
            var domain = mail.From[(mail.From.IndexOf('@', StringComparison.Ordinal) + 1)..];
            var filed = await file.HandleAsync(new FileTicketRequest
            {
                RequesterId = userIds[mail.From],
                OrganisationId = organisationIds[domain],
                Channel = TicketChannel.Email,
                Subject = mail.Subject,
                Body = mail.Body,
            });
            if (!filed.Succeeded)
            {
                throw new InvalidOperationException($"A demo mail was refused: {string.Join(" ", filed.Errors.Select(e => e.Message))}");
            }
        }
    }
}
