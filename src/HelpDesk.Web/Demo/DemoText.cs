namespace HelpDesk.Web.Demo;

/// <summary>What the demo's people write: a handful of believable requests and the answers they get.</summary>
internal static class DemoText
{
    /// <param name="Product">A <see cref="DemoCatalogue"/> product code.</param>
    /// <param name="Category">A <see cref="Core.Scope.RequestCategories"/> code.</param>
    /// <param name="Environment">The environment code the request is about, when it is part of the story.</param>
    /// <param name="ModifiedSource">The customer has changed the product's source.</param>
    public sealed record Problem(string Product, string Category, string Subject, string Body, string? Environment = null, bool ModifiedSource = false);

    public static IReadOnlyList<Problem> Problems { get; } =
    [
        new("keel", "problem", "Hard fault after enabling tickless idle",
            "With tickless idle enabled, our controller board hard-faults after roughly 40 minutes without load.\n\nThe fault address points into the system timer interrupt. With the periodic tick it never happens."),
        new("keel", "problem", "Priority inheritance does not drop back after mutex release",
            "When a low-priority task releases a mutex through which it inherited a higher priority, it keeps running at that priority until the next tick. Our motor-control task misses its 1 ms deadline because of it."),
        new("keel", "problem", "Queue send with timeout blocks for ever",
            "Sending to a full message queue with a 10 ms timeout sometimes never returns when the receiving task is suspended at the same moment."),
        new("keel", "problem", "SDK fails to link with the new toolchain",
            "After moving the build to the newer toolchain, linking the SDK's startup files fails with undefined references to the floating-point helper routines."),
        new("keel", "question", "Stack reserve for tasks that use the FPU",
            "How much extra stack should we reserve for tasks that use the floating-point unit with lazy stacking enabled?"),
        new("keel", "question", "Kernel options covered by the safety manual",
            "Which kernel configuration options does the IEC 61508 safety manual cover? We want to switch off everything outside it for our SIL 3 build."),
        new("keel", "problem", "Tasks starve after our round-robin patch",
            "We changed the scheduler to a 250 µs round-robin time slice (patch attached). Since then tasks of equal priority sometimes stop being scheduled altogether.",
            ModifiedSource: true),
        new("keel", "backport", "Backport the SPI DMA fix to our release",
            "The latest release notes mention a fix for SPI DMA transfers corrupting the last byte. Our product is frozen on an older release: can you provide the fix for it?"),
        new("keel", "port", "Board support for a Cortex-M0+ part",
            "We are moving a cost-reduced sensor node to a Cortex-M0+ microcontroller. Can you provide a board support package for it?",
            Environment: "cortex-m0plus"),
        new("keel", "customization", "Trace hook in the context switch",
            "We need a hook in the context-switch path that toggles a GPIO for our logic analyser. Could you add one to the kernel for us?"),

        new("mooring", "problem", "OPC UA subscriptions stay silent after PLC restart",
            "When a PLC restarts, the OPC UA connector reconnects, but the monitored items deliver no values until we restart the gateway service."),
        new("mooring", "problem", "MQTT bridge drops messages under load",
            "With about 3,000 tags publishing once a second, the MQTT bridge loses around 2% of the messages. The broker logs show nothing."),
        new("mooring", "problem", "Console shows running gateways as offline",
            "Four of our gateways show as offline in the management console although they are forwarding data normally."),
        new("mooring", "problem", "Modbus polling stopped after the clock change",
            "Since the clocks changed at the weekend, polling of two Modbus TCP devices has stopped. The log says the next poll is scheduled in the past."),
        new("mooring", "question", "Rotating the client certificate without downtime",
            "How do we rotate the gateway's TLS client certificate without interrupting the data flow?"),
        new("mooring", "question", "Sizing a gateway for 20,000 tags",
            "What hardware do you recommend for one gateway collecting 20,000 tags at a one-second rate?"),
        new("mooring", "problem", "Patched Modbus connector crashes at start-up",
            "We changed the Modbus connector's source to read 64-bit registers. Since the last upgrade it crashes at start-up with a null reference.",
            ModifiedSource: true),
        new("mooring", "third-party-integration", "Writing straight into our PI Server",
            "We want the gateway to write directly into our AVEVA PI Server. Can you help us set up the PI Web API side?"),
        new("mooring", "customization", "Connector for our weighing scales",
            "Our scales speak a proprietary serial protocol. Could you write a connector for them?"),

        new("sextant", "problem", "Gaps in trend charts every night",
            "Trend charts for line 3 show a gap every night between 02:00 and 02:15, although the raw data is complete."),
        new("sextant", "problem", "Anomaly detection job runs out of memory",
            "The nightly anomaly detection job fails with an out-of-memory error since we added the second plant."),
        new("sextant", "problem", "PDF export cuts off wide tables",
            "Scheduled PDF reports cut off tables wider than the page instead of scaling them to fit."),
        new("sextant", "question", "Different retention for raw data and aggregates",
            "How do we keep raw data for 90 days but the hourly aggregates for five years?"),
        new("sextant", "question", "Signing in with our identity provider",
            "Does Sextant support OpenID Connect for sign-in, and which claims does it need from our identity provider?"),
        new("sextant", "third-party-integration", "Mapping batch IDs from the PI connector",
            "We read batch records from AVEVA PI Server through the bundled connector. How do we map PI batch IDs onto Sextant's production runs?"),
        new("sextant", "consulting-training", "Training for our new process engineers",
            "Six process engineers joined us this quarter. Could you run a two-day course on building dashboards and alarms?"),
    ];

    /// <summary>How often a category is picked, relative to the others: most requests are defects and questions.</summary>
    public static int Weight(Problem problem) => problem.ModifiedSource ? 1 : problem.Category switch
    {
        "problem" => 6,
        "question" => 4,
        _ => 1,
    };

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
        "Could you tell us which release and board revision the affected devices run?",
        "Can you attach the log file from the moment it happened and your configuration file?",
        "Could you try once more with the attached settings and tell us whether it still happens?",
    ];

    public static IReadOnlyList<string> CustomerAnswers { get; } =
    [
        "Here are the details you asked for. It happened again at 09:42 CET.",
        "We tried it again with your settings and it still fails, see the attached log.",
        "The devices run the release named on the ticket, board revision C. Thanks for looking into it.",
        "Yes, it happens on both of our test rigs.",
    ];

    public static IReadOnlyList<string> StillBroken { get; } =
    [
        "Sorry, it is happening again since this morning.",
        "The fix worked for a day, but now we see the same error again.",
    ];

    public static IReadOnlyList<string> Notes { get; } =
    [
        "Looks like the same root cause as last month's timer issue. Checking with the kernel team.",
        "Customer is on a Strategic contract: keep them updated at least daily.",
        "Reproduced on our reference board with their configuration. Logs attached to the internal bug.",
        "Asked the connectors team whether this is the known reconnect issue.",
    ];

    public static IReadOnlyList<string> OnHoldNotes { get; } =
    [
        "On hold: the fix ships with the next maintenance release.",
        "On hold until the maintenance window on the weekend.",
        "Parked: engineering is working on the underlying bug.",
    ];

    public static IReadOnlyList<string> Resolutions { get; } =
    [
        "The attached patch fixes it on our reference hardware, and it will be in the next maintenance release. Please let us know if anything still looks wrong.",
        "The configuration change described above resolves it. I am marking this resolved; just reply if it comes back.",
        "Here is how to do it, step by step, with the relevant page of the reference manual. I hope this answers your question!",
        "With the workaround above the data is flowing normally again. Resolving this ticket.",
    ];

    /// <summary>Why an engineer did out-of-scope work anyway.</summary>
    public static IReadOnlyList<string> GoodwillReasons { get; } =
    [
        "Strategic account and a small change: we do it this once as goodwill, and the account manager will raise the scope at renewal.",
        "The customer is mid-way through their upgrade; we help on this release as goodwill rather than stall their line start-up.",
        "Goodwill: the fix is already written for the current release and costs us less than an hour to hand over.",
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

    /// <summary>A ticket filed this morning that waits in its queue: no engineer who is in today speaks its language.</summary>
    public sealed record WaitingTicket(string Product, string Language, string Subject, string Body, int MinutesAgo);

    /// <summary>From Northwind's Shanghai plant, in Chinese: the gateway forgets its bridge settings; the dashboard lags.</summary>
    public static IReadOnlyList<WaitingTicket> WaitingInChinese { get; } =
    [
        new(
            "mooring",
            "zh",
            "Mooring 网关重启后丢失 MQTT 桥接配置",
            "我们上海工厂的 Mooring 网关每次重启后都会丢失 MQTT 桥接配置，需要手动重新导入。日志里没有报错。请帮忙查看原因。",
            55),
        new(
            "sextant",
            "zh",
            "Sextant 仪表板数据延迟约十分钟",
            "从昨天下午开始，Sextant 仪表板上的产线传感器数据延迟大约十分钟，历史数据正常。我们没有修改任何配置。",
            25),
    ];
}
