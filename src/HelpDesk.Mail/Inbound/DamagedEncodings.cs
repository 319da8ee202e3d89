using System.Text.RegularExpressions;

namespace HelpDesk.Mail.Inbound;

/// <summary>
/// Decoders that keep what a damaged or old-fashioned encoding still carries: base64 cut off mid-quantum, uuencoded
/// files pasted into a text body (Lotus Notes, old mailers), and uuencoded parts that lost their <c>begin</c> line.
/// </summary>
internal static partial class DamagedEncodings
{
    private static readonly sbyte[] Base64Values = BuildBase64Values();

    /// <summary>
    /// Base64 read leniently: characters outside the alphabet are skipped, padding ends a quantum (and blocks joined
    /// after it are read too), and a tail cut short still gives every whole byte it holds (two characters make one
    /// byte, three make two).
    /// </summary>
    public static byte[] Base64(ReadOnlySpan<byte> encoded)
    {
        var output = new byte[encoded.Length * 3 / 4 + 3];
        var count = 0;
        var bits = 0;
        var bitCount = 0;
        foreach (var c in encoded)
        {
            if (c == (byte)'=')
            {
                // Padding ends a quantum; some mailers join several padded blocks, so reading goes on after it.
                bits = 0;
                bitCount = 0;
                continue;
            }

            var value = c < 128 ? Base64Values[c] : (sbyte)-1;
            if (value < 0)
            {
                continue;
            }

            bits = (bits << 6) | (byte)value;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                output[count++] = (byte)(bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }

        return output.AsSpan(0, count).ToArray();
    }

    /// <summary>
    /// Uuencoded lines to bytes. <c>begin</c> and <c>end</c> lines are skipped when present, so the payload of a
    /// part whose <c>begin</c> line was lost decodes the same as one that kept it.
    /// </summary>
    public static byte[] Uudecode(string encoded)
    {
        using var output = new MemoryStream();
        foreach (var rawLine in encoded.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("begin ", StringComparison.Ordinal) || line.TrimEnd() == "end")
            {
                continue;
            }

            var length = (line[0] - 0x20) & 0x3F;
            if (length == 0)
            {
                continue;
            }

            var written = 0;
            for (var i = 1; written < length; i += 4)
            {
                int Sextet(int at) => at < line.Length ? (line[at] - 0x20) & 0x3F : 0;
                var (a, b, c, d) = (Sextet(i), Sextet(i + 1), Sextet(i + 2), Sextet(i + 3));
                byte[] three = [(byte)((a << 2) | (b >> 4)), (byte)((b << 4) | (c >> 2)), (byte)((c << 6) | d)];
                var take = Math.Min(3, length - written);
                output.Write(three, 0, take);
                written += take;
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// Takes the uuencoded files (<c>begin 644 name</c> … <c>end</c>) out of a text body: the text without them, and
    /// each file with its name.
    /// </summary>
    public static (string Text, IReadOnlyList<(string Name, byte[] Content)> Files) UuencodedFiles(string text)
    {
        if (!text.Contains("begin ", StringComparison.Ordinal))
        {
            return (text, []);
        }

        var files = new List<(string, byte[])>();
        var rest = UuencodedBlock().Replace(text, match =>
        {
            var content = Uudecode(match.Groups["data"].Value);
            if (content.Length == 0)
            {
                return match.Value;
            }

            files.Add((match.Groups["name"].Value.Trim(), content));
            return "";
        });
        return files.Count == 0 ? (text, []) : (rest, files);
    }

    private static sbyte[] BuildBase64Values()
    {
        var values = Enumerable.Repeat((sbyte)-1, 128).ToArray();
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }

    // A begin line, lines of uuencoded characters (0x20–0x60), then "end". Bounded line lengths keep it linear.
    [GeneratedRegex(@"^begin [0-7]{3,4} (?<name>[^\r\n]{1,255})\r?\n(?<data>(?:[\x20-\x60]{1,100}\r?\n)*?)end[ \t]*(?:\r?\n|$)", RegexOptions.Multiline)]
    private static partial Regex UuencodedBlock();
}
