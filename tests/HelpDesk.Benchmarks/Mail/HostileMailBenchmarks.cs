using System.Text;
using BenchmarkDotNet.Attributes;
using HelpDesk.Core.Mail;
using HelpDesk.Mail.Inbound;
using MimeKit;

namespace HelpDesk.Benchmarks.Mail;

/// <summary>
/// What intake does with a hostile 40 MB message before it touches the database: read it
/// (<see cref="MimeInboundParser"/>) and decide on its HTML (<see cref="MailHtml.PrepareAsync"/>, default limits and
/// budget). Each case is about 40 MB, the largest message intake takes. Baseline: MimeKit reading the same bytes.
/// </summary>
[Config(typeof(OneCallJob))]
[MemoryDiagnoser]
public class HostileMailBenchmarks
{
    /// <summary>One call per invocation in the benchmark's own process, as the economics benchmarks run.</summary>
    public sealed class OneCallJob() : Economics.EconomicsJob(warmups: 1, iterations: 5);

    private const int Size = 39 * 1024 * 1024;

    private readonly MimeInboundParser _parser = new();
    private byte[] _raw = [];

    [Params("nested divs", "one element, many attributes", "at every limit, then a large attachment")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _raw = Case switch
    {
        "nested divs" => Message(Repeat("<div>", Size / 5) + "Hello"),
        "one element, many attributes" => Message("<div " + string.Join(' ', Enumerable.Range(0, Size / 12).Select(i => $"a{i}=\"x\"")) + ">Hello</div>"),
        _ => Message(AtTheLimits(), attachment: Size - 1_000_000),
    };

    [Benchmark(Baseline = true, Description = "MimeMessage.Load")]
    public int MimeKitParse()
    {
        using var stream = new MemoryStream(_raw, writable: false);
        using var message = MimeMessage.Load(stream);
        return message.HtmlBody?.Length ?? 0;
    }

    [Benchmark(Description = "parse + MailHtml.PrepareAsync")]
    public async Task<bool> ReadAndPrepare()
    {
        var email = _parser.Parse(_raw).Email!;
        var outcome = await MailHtml.PrepareAsync(email.Html!, new MailHtmlLimits());
        return outcome.IsShown;
    }

    /// <summary>HTML that passes the screen with the most work for the sanitizer: 100 deep, 10,000 elements with styles and links, under 500,000 characters.</summary>
    private static string AtTheLimits()
    {
        var html = new StringBuilder(Repeat("<div>", 99));
        for (var i = 0; i < 9_800 && html.Length < 490_000; i++)
        {
            html.Append("<a href=\"https://example.com/x\" style=\"color:red;background:url(https://t.example/p.gif)\">x</a>");
        }

        return html.ToString();
    }

    private static byte[] Message(string html, int attachment = 0)
    {
        var alternative = new MultipartAlternative { new TextPart("plain") { Text = "Hello" }, new TextPart("html") { Text = html } };
        var body = new Multipart("mixed") { alternative };
        if (attachment > 0)
        {
            var bytes = new byte[attachment * 3 / 4];
            new Random(40).NextBytes(bytes);
            body.Add(new MimePart("application", "zip") { FileName = "dump.zip", Content = new MimeContent(new MemoryStream(bytes)), ContentTransferEncoding = ContentEncoding.Base64 });
        }

        var message = new MimeMessage { Subject = "Hostile", MessageId = "hostile@bench.example", Body = body };
        message.From.Add(new MailboxAddress("Mallory", "mallory@bench.example"));
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static string Repeat(string value, int times) => string.Concat(Enumerable.Repeat(value, times));
}
