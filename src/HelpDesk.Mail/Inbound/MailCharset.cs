using System.Text;
using MimeKit;
using UtfUnknown;

namespace HelpDesk.Mail.Inbound;

/// <summary>
/// What to read raw 8-bit text in when the mail does not say (or says wrongly): a subject, a sender's name or a file
/// name written in KOI8-R, GB2312 or Shift_JIS without RFC 2047 words, a body with no charset. UTF-8 is taken when the
/// bytes are valid UTF-8; otherwise the script is detected, and only when that fails is it read as Latin-1 (in its
/// Windows-1252 form, which also gives the curly quotes and euro sign mailers put in 0x80–0x9F).
/// </summary>
internal static class MailCharset
{
    /// <summary>Detection reads at most this much: enough for any script, bounded for a hostile message.</summary>
    private const int MaxSampleBytes = 64 * 1024;

    /// <summary>Below this the detector is guessing; short Latin-1 words score around 0.5 as something else.</summary>
    private const float MinConfidence = 0.5f;

    static MailCharset()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static Encoding Latin1 { get; } = Encoding.GetEncoding(1252);

    /// <summary>
    /// Parser options for a raw message whose 8-bit header bytes are not UTF-8: MimeKit reads undeclared 8-bit header
    /// text (subjects, names, file names) in the charset detected from all those header lines together.
    /// </summary>
    public static ParserOptions OptionsFor(byte[] raw)
    {
        var sample = EightBitLines(raw);
        if (sample.Length == 0 || IsUtf8(sample))
        {
            return ParserOptions.Default;
        }

        var options = ParserOptions.Default.Clone();
        options.CharsetEncoding = Detect(sample) ?? Latin1;
        return options;
    }

    /// <summary>
    /// The text of a part. A part whose charset is missing, unknown, us-ascii or utf-8 while its bytes are not
    /// is read in the detected charset, then in <paramref name="messageCharset"/>, then in Latin-1.
    /// </summary>
    public static string TextOf(TextPart part, Encoding messageCharset)
    {
        var declared = DeclaredEncoding(part.ContentType.Charset);
        if (declared is not null && declared.CodePage is not (20127 or 65001))
        {
            return part.Text;
        }

        using var buffer = new MemoryStream();
        part.Content?.DecodeTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!bytes.ContainsAnyInRange((byte)0x80, (byte)0xFF) || IsUtf8(bytes))
        {
            return part.GetText(Encoding.UTF8);
        }

        return part.GetText(Detect(bytes) ?? (messageCharset.CodePage == 65001 ? Latin1 : messageCharset));
    }

    /// <summary>
    /// MimeKit reads undeclared 8-bit header values in the options' charset, but its address parser reads a raw
    /// display name byte by byte (Shift_JIS names come out as Latin-1). Setting each such header to its own decoded
    /// value makes the message parse its addresses again from the right text.
    /// </summary>
    public static void RereadAddresses(MimeMessage message)
    {
        HeaderId[] addressHeaders = [HeaderId.From, HeaderId.Sender, HeaderId.ReplyTo, HeaderId.To, HeaderId.Cc];
        foreach (var header in message.Headers.Where(h => addressHeaders.Contains(h.Id) && h.RawValue.AsSpan().ContainsAnyInRange((byte)0x80, (byte)0xFF)).ToList())
        {
            header.Value = header.Value;
        }
    }

    /// <summary>The encoding a message's own undeclared header text is read in, as chosen by <see cref="OptionsFor"/>.</summary>
    public static Encoding Of(ParserOptions options) => options.CharsetEncoding ?? Encoding.UTF8;

    private static Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes.Length > MaxSampleBytes ? bytes[..MaxSampleBytes] : bytes;
        var detected = CharsetDetector.DetectFromBytes(sample.ToArray()).Detected;
        return detected is { Encoding: { } encoding } && detected.Confidence >= MinConfidence && encoding.CodePage is not (20127 or 65001)
            ? encoding
            : null;
    }

    private static Encoding? DeclaredEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim().Trim('"'));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>
    /// Every header line holding a byte over 0x7F, joined: the message's own header block and each part's (after a
    /// boundary line). Bodies are left out; a part's text is judged by itself in <see cref="TextOf"/>, so a message
    /// whose only 8-bit bytes are in a body that names its charset costs no detection here.
    /// </summary>
    private static byte[] EightBitLines(byte[] raw)
    {
        using var sample = new MemoryStream();
        var span = raw.AsSpan();
        var inHeaders = true;
        while (span.Length > 0 && sample.Length < MaxSampleBytes)
        {
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..(end + 1)];
            var content = line.TrimEnd("\r\n"u8);
            if (content.IsEmpty)
            {
                inHeaders = false;
            }
            else if (content.StartsWith("--"u8))
            {
                inHeaders = true;
            }
            else if (inHeaders && line.ContainsAnyInRange((byte)0x80, (byte)0xFF))
            {
                sample.Write(line);
            }

            span = end < 0 ? [] : span[(end + 1)..];
        }

        return sample.ToArray();
    }
}
