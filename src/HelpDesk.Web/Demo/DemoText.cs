namespace HelpDesk.Web.Demo;

/// <summary>What the demo's people write: a handful of believable requests and the answers they get.</summary>
internal static class DemoText
{
    public sealed record Problem(string Product, string Category, string Subject, string Body);

    public static IReadOnlyList<Problem> Problems { get; } =
    [
        new("Orders API", "Incident", "Orders API returns 500 on bulk import",
            "Since this morning every bulk import to /orders fails with HTTP 500.\n\nSingle orders still go through. We import about 2,000 orders an hour, so this is blocking our warehouse."),
        new("Orders API", "Question", "Rate limit for the orders endpoint",
            "What is the rate limit on the orders endpoint? We plan a nightly sync of roughly 50,000 orders and want to stay within it."),
        new("Billing Portal", "Incident", "Invoice PDF shows the wrong VAT rate",
            "The invoices generated this month show 19% VAT instead of 20%.\n\nOur accountant noticed it on invoice 2024-1187. Can you check the tax settings?"),
        new("Billing Portal", "Access", "Cannot add a second billing contact",
            "When I add a second billing contact the page says 'Something went wrong' and nothing is saved."),
        new("Warehouse Scanner", "Incident", "Scanner app crashes after the latest update",
            "Since updating the scanner app, it closes itself when we scan a pallet label.\n\nIt happens on all six handhelds in hall B."),
        new("Warehouse Scanner", "Question", "Can the scanner work offline?",
            "Our cold store has no Wi-Fi. Can the scanner app queue scans and upload them later?"),
        new("Reporting", "Incident", "Monthly report is empty for March",
            "The monthly sales report for March shows no rows at all, although February and April look fine."),
        new("Reporting", "Feature request", "Export reports to Excel",
            "Could the reports be exported as .xlsx as well as CSV? Our finance team re-types the CSV columns every month."),
        new("Single Sign-On", "Access", "SSO login loops back to the sign-in page",
            "After signing in with our Azure AD account the browser returns to the sign-in page again and again.\n\nClearing cookies did not help."),
        new("Single Sign-On", "Access", "New employees cannot sign in",
            "Three people who joined this week get 'user not provisioned' when they sign in through SSO."),
        new("Mobile App", "Incident", "Push notifications stopped on Android",
            "None of our Android users get push notifications since Tuesday. iOS is fine."),
        new("Mobile App", "Question", "Which Android versions are supported?",
            "We are replacing our field devices. Which Android versions does the mobile app support?"),
        new("Integrations", "Incident", "Webhook deliveries delayed by hours",
            "Order webhooks reach our ERP two to three hours late. The delivery log shows them as 'queued'."),
        new("Integrations", "Configuration", "Rotate the webhook signing secret",
            "Our security team asks us to rotate the webhook signing secret. How do we do that without missing events?"),
        new("Data Import", "Incident", "CSV import rejects umlauts in customer names",
            "Customer names with ä, ö or ü are rejected as 'invalid characters' by the CSV import."),
        new("Data Import", "Question", "Maximum file size for imports",
            "What is the largest CSV file the import accepts? Our product catalogue file is 120 MB."),
    ];

    public static IReadOnlyList<string> Releases { get; } = ["4.2", "4.3", "4.3.1", "5.0", "5.1"];

    public static IReadOnlyList<string> Environments { get; } = ["Production", "Production", "Staging", "Test"];

    public static IReadOnlyList<string> FirstReplies { get; } =
    [
        "Thank you for the report. I am looking into it now and will update you within the hour.",
        "Thanks for reaching out. I can reproduce this on our side and am checking the logs.",
        "Hello, thanks for the details. I have started the investigation and will keep you posted.",
        "Thanks! I am on it. Could you keep an eye on whether it happens again in the meantime?",
    ];

    public static IReadOnlyList<string> Questions { get; } =
    [
        "Could you send us the exact time of the last failure (with time zone) and the request ID from the response headers?",
        "Could you tell us which app version is installed on the affected devices?",
        "Can you share a screenshot of the error and the browser you are using?",
        "Could you try once more with the attached settings and tell us whether it still happens?",
    ];

    public static IReadOnlyList<string> CustomerAnswers { get; } =
    [
        "Here are the details you asked for. It happened again at 09:42 CET.",
        "We tried it again with your settings and it still fails, see the attached screenshot.",
        "The version on the devices is 5.0.2. Thanks for looking into it.",
        "Yes, it happens in Chrome and Edge alike.",
    ];

    public static IReadOnlyList<string> StillBroken { get; } =
    [
        "Sorry, it is happening again since this morning.",
        "The fix worked for a day, but now we see the same error again.",
    ];

    public static IReadOnlyList<string> Notes { get; } =
    [
        "Looks like the same root cause as last month's queue backlog. Checking with the platform team.",
        "Customer is on a Strategic contract: keep them updated at least daily.",
        "Reproduced on staging with their sample file. Logs attached to the internal bug.",
        "Asked the mobile team whether this is the known Android 14 issue.",
    ];

    public static IReadOnlyList<string> OnHoldNotes { get; } =
    [
        "On hold: waiting for the vendor's fix, expected with their next release.",
        "On hold until the maintenance window on the weekend.",
        "Parked: engineering is working on the underlying bug.",
    ];

    public static IReadOnlyList<string> Resolutions { get; } =
    [
        "We deployed a fix this morning. Everything should work again; please let us know if anything still looks wrong.",
        "The configuration is corrected on our side. I am marking this resolved; just reply if it comes back.",
        "Here is how to do it, step by step, in the admin settings. I hope this answers your question!",
        "The backlog has been processed and deliveries are back to normal. Resolving this ticket.",
    ];

    public static IReadOnlyList<string> TimeNotes { get; } =
    [
        "Investigation and log analysis",
        "Reproduced the issue",
        "Call with the customer",
        "Tested and deployed the fix",
        "",
    ];

    /// <summary>One comment per score, 1 to 5.</summary>
    public static IReadOnlyList<string> RatingComments { get; } =
    [
        "It took far too long and we had to chase several times.",
        "Solved in the end, but the first answers did not help.",
        "OK.",
        "Good help, thank you.",
        "Quick and friendly, thanks a lot!",
    ];
}
