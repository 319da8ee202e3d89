using System.Globalization;
using System.Text;

namespace HelpDesk.Mail.Tests.Inbound;

/// <summary>
/// A mixed batch of hand-made messages, one of each <see cref="Kinds"/> in turn: the everyday mail and every awkward
/// class a real support mailbox receives — replies, forwarded and digested mail, Outlook's winmail.dat, undeclared
/// 8-bit charsets, uuencoded and damaged attachments, Apple Mail's interleaved parts, robots, spam, no-reply senders,
/// bounces without a sender and broken From lines. Every message has its own Message-ID, except the one that reuses
/// the ID of the message before it with other content. Built from a run id and a number, so a batch can be made again
/// and each run's messages are new to intake. Used by the endpoint test and the corpus benchmark.
/// </summary>
public sealed class MixedMail(string run, Func<int, (string Email, string Name)> customer, Func<int, int?> openTicket)
{
    public const string SupportAddress = "support@helpdesk.example";

    /// <summary>The classes of the batch, in the order <see cref="Build"/> takes them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "plain", "reply", "reused-id", "apple-interleaved", "inline-html-file", "rfc2231-japanese-name", "forwarded",
        "digest", "winmail-dat", "koi8-r", "gb2312", "shift-jis", "latin-1", "uuencode", "uuencode-no-begin",
        "damaged-base64", "foreign-x-loop", "spam-flag", "no-reply", "bounce-no-sender", "auto-reply", "list",
        "text-before-headers", "from-without-brackets", "space-in-local-part",
    ];

    /// <summary>The <paramref name="n"/>th message of the batch and its kind.</summary>
    public (byte[] Raw, string Kind) Build(int n)
    {
        var kind = Kinds[n % Kinds.Count];
        var (email, name) = customer(n);
        var id = Id(n);
        var date = "Wed, 04 Nov 2026 09:15:00 +0000";
        var head = $"From: \"{name}\" <{email}>\r\nTo: HelpDesk Support <{SupportAddress}>\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nMIME-Version: 1.0\r\n";
        var text = $"Hello,\r\n\r\nThe export stops at row {n} with a timeout since this morning.\r\n\r\nKind regards,\r\n{name}\r\n";
        string mail = kind switch
        {
            "plain" => head + "Subject: Export stops with a timeout\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text,
            "reply" => openTicket(n) is int ticket
                ? head + $"Subject: RE: [HD-{ticket}] Export stops with a timeout\r\nIn-Reply-To: <{Id(n - 1)}>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIt happened again at noon.\r\n\r\n> Earlier message\r\n"
                : head + "Subject: Export stops again\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text,
            "reused-id" => $"From: \"{name}\" <{email}>\r\nTo: {SupportAddress}\r\nDate: Thu, 05 Nov 2026 11:00:00 +0000\r\nMessage-ID: <{Id(n - 1)}>\r\nMIME-Version: 1.0\r\n"
                + "Subject: A different question with a reused Message-ID\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHow do we rotate the licence key?\r\n",
            "apple-interleaved" => head + "Subject: Screenshots of the error\r\n" + Multipart("mixed",
                "Content-Type: text/plain; charset=us-ascii\r\n\r\nFirst I open the report:\r\n",
                "Content-Type: image/png; name=\"step1.png\"\r\nContent-Disposition: inline; filename=\"step1.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Png,
                "Content-Type: text/plain; charset=us-ascii\r\n\r\nThen the export fails like this:\r\n",
                "Content-Type: image/png; name=\"step2.png\"\r\nContent-Disposition: inline; filename=\"step2.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Png,
                "Content-Type: text/plain; charset=us-ascii\r\n\r\nAnd nothing is written.\r\n"),
            "inline-html-file" => head + "Subject: The page as saved\r\n" + Multipart("mixed",
                "Content-Type: text/plain; charset=utf-8\r\n\r\nThe saved page is attached.\r\n",
                "Content-Type: text/html; charset=utf-8; name=\"document.html\"\r\nContent-Disposition: inline; filename=\"document.html\"\r\n\r\n<html><body><p>Saved report page</p></body></html>\r\n"),
            "rfc2231-japanese-name" => head + "Subject: Log with a Japanese name\r\n" + Multipart("mixed",
                "Content-Type: text/plain; charset=utf-8\r\n\r\nThe log from our Tokyo office.\r\n",
                "Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: inline; filename*=UTF-8''%E3%83%AD%E3%82%B0.txt\r\n\r\nERROR export timeout\r\n"),
            "forwarded" => head + "Subject: Fwd: Export failure report\r\n" + Multipart("mixed",
                "Content-Type: text/plain; charset=utf-8\r\n\r\nForwarding the report our monitoring sent.\r\n",
                "Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + Inner(n, "Export failure report", "The nightly export failed at 02:00.")),
            // A digest's parts are message/rfc822 by default: no part headers, a blank line, then the message.
            "digest" => head + "Subject: Digest of the operator list\r\n" + Multipart("digest",
                "\r\n" + Inner(n * 10 + 1, "Operators: export slow", "Is anyone else seeing slow exports?"),
                "\r\n" + Inner(n * 10 + 2, "Operators: re: export slow", "Yes, since the upgrade."),
                "\r\n" + Inner(n * 10 + 3, "Operators: workaround", "Restarting the worker helps for an hour.")),
            "winmail-dat" => head + "Subject: Outlook rich text with a log\r\n" + Multipart("mixed",
                "Content-Type: text/plain; charset=utf-8\r\n\r\nSee the attached log.\r\n",
                "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Convert.ToBase64String(Tnef.Build("The export log is attached.", "export.log", Encoding.ASCII.GetBytes("02:00 export started\r\n02:10 timeout\r\n")), Base64FormattingOptions.InsertLineBreaks)),
            "koi8-r" or "gb2312" or "shift-jis" or "latin-1" => Undeclared(email, id, date),
            "uuencode" => head + "Subject: Log attached the old way\r\nContent-Type: text/plain\r\n\r\nThe log is below.\r\n\r\n" + UuEncode("notes.log", Encoding.ASCII.GetBytes("02:10 timeout in export\r\n")) + "\r\nThanks\r\n",
            "uuencode-no-begin" => head + "Subject: Lotus Notes attachment\r\n" + Multipart("mixed",
                "Content-Type: text/plain\r\n\r\nThe trace is attached.\r\n",
                "Content-Type: application/octet-stream; name=\"trace.txt\"\r\nContent-Disposition: attachment; filename=\"trace.txt\"\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
                + UuLines(Encoding.ASCII.GetBytes("trace line one\r\ntrace line two\r\n")) + "`\r\n"),
            "damaged-base64" => head + "Subject: Attachment cut short\r\n" + Multipart("mixed",
                "Content-Type: text/plain\r\n\r\nThe dump is attached.\r\n",
                "Content-Type: application/pdf; name=\"dump.pdf\"\r\nContent-Disposition: attachment; filename=\"dump.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 export dump, the tail of which was lost in transit"))[..^3] + "!*\r\n"),
            "foreign-x-loop" => head + "X-Loop: crm.partner.example\r\nSubject: Forwarded by our CRM\r\nContent-Type: text/plain\r\n\r\n" + text,
            "spam-flag" => head + "X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9.1\r\nSubject: Export stops (flagged)\r\nContent-Type: text/plain\r\n\r\n" + text,
            "no-reply" => $"From: Monitoring <noreply@alerts{n}.example>\r\nTo: {SupportAddress}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nSubject: Alert: export failed\r\nContent-Type: text/plain\r\n\r\nThe export job failed at 02:10.\r\n",
            "bounce-no-sender" => $"Return-Path: <>\r\nFrom: MAILER-DAEMON\r\nTo: {SupportAddress}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
                + MultipartReport(n),
            "auto-reply" => head + "Auto-Submitted: auto-replied\r\nSubject: Out of office: Export stops\r\nContent-Type: text/plain\r\n\r\nI am away until Monday.\r\n",
            "list" => $"From: Release News <news@lists{n}.vendor.example>\r\nTo: {SupportAddress}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nList-Id: <news.lists.vendor.example>\r\nPrecedence: list\r\nSubject: Release news\r\nContent-Type: text/plain\r\n\r\nA new release is out.\r\n",
            "text-before-headers" => $"Forwarded by the gateway on {date}\r\n" + head + "Subject: Gateway copy\r\nContent-Type: text/plain\r\n\r\n" + text,
            "from-without-brackets" => $"From: {name} {email}\r\nTo: {SupportAddress}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nSubject: Sent from an old client\r\nContent-Type: text/plain\r\n\r\n" + text,
            _ /* space-in-local-part */ => $"From: \"{name}\" <{name.Split(' ')[0].ToLowerInvariant()} {name.Split(' ')[^1].ToLowerInvariant()}.{n}@{Domain(email)}>\r\nTo: {SupportAddress}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nSubject: Space in my address\r\nContent-Type: text/plain\r\n\r\n" + text,
        };

        var bytes = kind is "koi8-r" or "gb2312" or "shift-jis" or "latin-1" ? UndeclaredBytes(kind, mail) : Encoding.UTF8.GetBytes(mail);
        return (bytes, kind);
    }

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\n";

    private static readonly Dictionary<string, (string Subject, string Body, int CodePage)> Scripts = new()
    {
        ["koi8-r"] = ("Ошибка экспорта после обновления", "Здравствуйте! Экспорт останавливается с ошибкой после обновления.", 20866),
        ["gb2312"] = ("导出在升级后失败", "您好，升级后导出总是超时失败，请帮忙查看。", 936),
        ["shift-jis"] = ("エクスポートが失敗します", "こんにちは。アップグレード後にエクスポートがタイムアウトします。", 932),
        ["latin-1"] = ("Problème d'exportation après la mise à jour", "Bonjour, l'exportation échoue depuis la mise à jour. Merci d'avance.", 28591),
    };

    private string Id(int n) => string.Create(CultureInfo.InvariantCulture, $"{run}.{n}@mixed.example");

    private static string Domain(string email) => email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];

    private static string Multipart(string subtype, params string[] parts)
    {
        var boundary = "b-" + subtype + "-5e1";
        var mail = new StringBuilder().Append("Content-Type: multipart/").Append(subtype).Append("; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        foreach (var part in parts)
        {
            mail.Append("--").Append(boundary).Append("\r\n").Append(part).Append("\r\n");
        }

        return mail.Append("--").Append(boundary).Append("--\r\n").ToString();
    }

    private string Inner(int n, string subject, string body) =>
        $"From: Monitor <monitor@ops.example>\r\nTo: ops@customer.example\r\nDate: Tue, 03 Nov 2026 02:00:00 +0000\r\nMessage-ID: <inner.{run}.{n.ToString(CultureInfo.InvariantCulture)}@ops.example>\r\nSubject: {subject}\r\nContent-Type: text/plain\r\n\r\n{body}\r\n";

    private string MultipartReport(int n) =>
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"dsn-7c1\"\r\n\r\n"
        + "--dsn-7c1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered to ops@gone.example.\r\n"
        + "--dsn-7c1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.gone.example\r\n\r\nFinal-Recipient: rfc822; ops@gone.example\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        + "--dsn-7c1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + $"From: {SupportAddress}\r\nTo: ops@gone.example\r\nMessage-ID: <{Id(n)}.original@helpdesk.example>\r\nSubject: Your request\r\n"
        + "--dsn-7c1--\r\n";

    /// <summary>8-bit text in a legacy charset with no charset declared anywhere (placeholders replaced by bytes later).</summary>
    private static string Undeclared(string email, string id, string date) =>
        $"From: \u0001NAME\u0001 <{email}>\r\nTo: {SupportAddress}\r\nDate: {date}\r\nMessage-ID: <{id}>\r\nSubject: \u0001SUBJECT\u0001\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\u0001BODY\u0001\r\n";

    private static byte[] UndeclaredBytes(string kind, string mail)
    {
        var (subject, body, codePage) = Scripts[kind];
        var encoding = Encoding.GetEncoding(codePage);
        var name = kind switch { "koi8-r" => "Иван Петров", "gb2312" => "王伟", "shift-jis" => "山田太郎", _ => "Zoë Dupré" };
        var output = new List<byte>();
        var pieces = mail.Split('\u0001');
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = (i % 2) == 0 ? pieces[i] : pieces[i] switch { "NAME" => name, "SUBJECT" => subject, _ => body };
            output.AddRange((i % 2) == 0 ? Encoding.ASCII.GetBytes(piece) : encoding.GetBytes(piece));
        }

        return [.. output];
    }

    private static string UuEncode(string fileName, byte[] bytes) => $"begin 644 {fileName}\r\n{UuLines(bytes)}`\r\nend\r\n";

    private static string UuLines(byte[] bytes)
    {
        var lines = new StringBuilder();
        for (var offset = 0; offset < bytes.Length; offset += 45)
        {
            var count = Math.Min(45, bytes.Length - offset);
            lines.Append(UuChar(count));
            for (var i = 0; i < count; i += 3)
            {
                var b0 = bytes[offset + i];
                var b1 = i + 1 < count ? bytes[offset + i + 1] : (byte)0;
                var b2 = i + 2 < count ? bytes[offset + i + 2] : (byte)0;
                lines.Append(UuChar(b0 >> 2)).Append(UuChar(((b0 << 4) | (b1 >> 4)) & 0x3F)).Append(UuChar(((b1 << 2) | (b2 >> 6)) & 0x3F)).Append(UuChar(b2 & 0x3F));
            }

            lines.Append("\r\n");
        }

        return lines.ToString();
    }

    private static char UuChar(int value) => value == 0 ? '`' : (char)(value + 32);

    /// <summary>A minimal Outlook TNEF stream (MS-OXTNEF): version, code page, message class, body, one attached file.</summary>
    private static class Tnef
    {
        public static byte[] Build(string body, string fileName, byte[] file)
        {
            using var stream = new MemoryStream();
            using var writer = new BinaryWriter(stream);
            writer.Write(0x223E9F78u);
            writer.Write((ushort)0x0001);
            Attribute(writer, 1, 0x00089006u, BitConverter.GetBytes(0x00010000u));
            Attribute(writer, 1, 0x00069007u, [.. BitConverter.GetBytes(1252u), .. BitConverter.GetBytes(0u)]);
            Attribute(writer, 1, 0x00078008u, Encoding.ASCII.GetBytes("IPM.Microsoft Mail.Note\0"));
            Attribute(writer, 1, 0x0002800Cu, Encoding.ASCII.GetBytes(body + "\0"));
            var rendering = new byte[14];
            BitConverter.GetBytes((ushort)1).CopyTo(rendering, 0);
            BitConverter.GetBytes(uint.MaxValue).CopyTo(rendering, 2);
            Attribute(writer, 2, 0x00069002u, rendering);
            Attribute(writer, 2, 0x00018010u, Encoding.ASCII.GetBytes(fileName + "\0"));
            Attribute(writer, 2, 0x0006800Fu, file);
            writer.Flush();
            return stream.ToArray();
        }

        private static void Attribute(BinaryWriter writer, byte level, uint id, byte[] data)
        {
            writer.Write(level);
            writer.Write(id);
            writer.Write((uint)data.Length);
            writer.Write(data);
            writer.Write((ushort)data.Sum(b => b));
        }
    }
}
