using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Core.Mail;

/// <summary>
/// What makes two received copies the same message: the From, Date and Subject headers as written and the bytes of the
/// body (its text and attachments). Relays add and rewrite trace headers (Received, Return-Path, Delivered-To,
/// Authentication-Results), so the whole bytes differ between two deliveries of one message; these parts do not.
/// Read from the raw bytes rather than the parsed message, so a better parser tomorrow still recognises a message
/// stored today.
/// </summary>
public static class MessageFingerprint
{
    private static readonly string[] Fields = ["from", "date", "subject"];

    public static string Of(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var (headerEnd, bodyStart) = HeaderBlock(raw);
        var values = new string?[Fields.Length];
        foreach (var (name, value) in Headers(raw.AsSpan(0, headerEnd)))
        {
            var index = Array.IndexOf(Fields, name);
            if (index >= 0)
            {
                values[index] ??= value;
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var value in values)
        {
            hash.AppendData(Encoding.UTF8.GetBytes((value ?? "") + "\n"));
        }

        // Bytes with none of the headers are not a message whose parts can be told apart: all of them count.
        AppendBody(hash, raw.AsSpan(values.All(v => v is null) ? 0 : bodyStart));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The end of the header block and the start of the body: the first empty line; no empty line, no body.</summary>
    private static (int HeaderEnd, int BodyStart) HeaderBlock(byte[] raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\n')
            {
                continue;
            }

            var next = i + 1;
            if (next < raw.Length && raw[next] == (byte)'\r')
            {
                next++;
            }

            if (next < raw.Length && raw[next] == (byte)'\n')
            {
                return (i + 1, next + 1);
            }

            if (next >= raw.Length)
            {
                return (raw.Length, raw.Length);
            }
        }

        return (raw.Length, raw.Length);
    }

    /// <summary>Header fields as (lower-case name, unfolded value with its whitespace collapsed); lines that are not fields are skipped.</summary>
    private static List<(string Name, string Value)> Headers(ReadOnlySpan<byte> block)
    {
        var text = Encoding.Latin1.GetString(block);
        var fields = new List<(string Name, string Value)>();
        string? name = null;
        var value = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0 && (trimmed[0] == ' ' || trimmed[0] == '\t') && name is not null)
            {
                value.Append(' ').Append(trimmed.Trim());
                continue;
            }

            if (name is not null)
            {
                fields.Add((name, Collapse(value.ToString())));
                name = null;
            }

            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !trimmed.AsSpan(0, colon).ContainsAny(" \t"))
            {
                name = trimmed[..colon].ToLowerInvariant();
                value.Clear().Append(trimmed[(colon + 1)..].Trim());
            }
        }

        if (name is not null)
        {
            fields.Add((name, Collapse(value.ToString())));
        }

        return fields;
    }

    /// <summary>Hashes the body with line endings made LF and trailing whitespace dropped from each line and from the end.</summary>
    private static void AppendBody(IncrementalHash hash, ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> newline = [(byte)'\n'];
        var pendingLines = 0;
        var lineStart = 0;
        while (lineStart < body.Length)
        {
            var length = body[lineStart..].IndexOf((byte)'\n');
            var line = length < 0 ? body[lineStart..] : body.Slice(lineStart, length);
            var end = line.Length;
            while (end > 0 && line[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                end--;
            }

            if (end > 0)
            {
                // Line breaks are written only before more text, so trailing empty lines do not count.
                for (; pendingLines > 0; pendingLines--)
                {
                    hash.AppendData(newline);
                }

                hash.AppendData(line[..end]);
            }

            pendingLines++;
            lineStart = length < 0 ? body.Length : lineStart + length + 1;
        }
    }

    private static string Collapse(string value) => string.Join(' ', value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
