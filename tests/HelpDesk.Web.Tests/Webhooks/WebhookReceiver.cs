using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HelpDesk.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Web.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver: a small Kestrel app on a free loopback port that records every request it gets and answers
/// with the status codes queued for it (200 once the queue is empty).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver.Requests.Enqueue(new Received(headers, body));
            context.Response.StatusCode = receiver._answers.TryDequeue(out var status) ? status : 200;
            await context.Response.WriteAsync(context.Response.StatusCode == 200 ? "thanks" : "receiver is down");
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/') + "/hook";
        return receiver;
    }

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(status);
        }
    }

    /// <summary>
    /// Waits, polling, until <paramref name="done"/> holds of what arrived; fails after a generous deadline, saying what
    /// <paramref name="explain"/> finds (what the outbox holds).
    /// </summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, Func<Task>? drive = null, Func<Task<string>>? explain = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (drive is not null)
            {
                await drive();
            }

            var now = Requests.ToList();
            if (done(now))
            {
                return now;
            }

            if (DateTime.UtcNow > deadline)
            {
                var outbox = explain is null ? "" : "; " + await explain();
                throw new TimeoutException($"The receiver got {now.Count} requests: {string.Join(", ", now.Select(r => r.Event))}{outbox}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string Event => Headers[WebhookSender.EventHeader];

        public string EventId => Headers[WebhookSender.DeliveryHeader];

        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        public string? Ticket => Json.GetProperty("data").TryGetProperty("ticket", out var ticket) ? ticket.GetProperty("number").GetString() : null;

        public bool SignedWith(string secret) => WebhookSignature.Verify(
            secret, long.Parse(Headers[WebhookSender.TimestampHeader], CultureInfo.InvariantCulture), Body, Headers[WebhookSender.SignatureHeader]);
    }
}
