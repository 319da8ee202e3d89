using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Data.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HelpDesk.Web.Demo;

/// <summary>
/// The demo's ticket history and what follows it (NPS, known issues, offers), recorded once through the real use cases
/// with the clock at <see cref="ReferenceUtc"/> and written at start-up as plain inserts, shifted to the real now: it is
/// the same data each time, and some 13,500 inserts on the seeding scope's connection take a fraction of what the
/// 4,000 use cases that made them take.
/// <para>
/// The recording (<c>DemoHistory.jsonl</c>, an embedded resource) holds, table by table, the rows the later stages of
/// the seed add and the columns they change in rows the earlier stages made, as JSON lines. A time is stored as its
/// offset from <see cref="ReferenceUtc"/> and written as now plus that offset, so what happened ten minutes before
/// the reference happened ten minutes before the start; a date moves by whole days. Values the earlier stages made
/// (configuration: calendars, holidays, plans, contracts) are not in it and are not shifted. Per-install values are
/// not recorded: a value that is random by design is written new at each seed. Rows written by triggers (the text
/// search index, the economics change log) are left to the triggers, which fire on the inserts as they did on the use
/// cases' writes; the columns the history changes in earlier rows (an engineer's open count, a contract's incidents
/// used) are set after the inserts to what they ended as.
/// </para>
/// <para>
/// A test (<c>DemoHistoryRecordingTests</c>) seeds through the use cases at the reference clock and compares with the
/// committed recording; its message gives the one-line command that writes the recording again.
/// </para>
/// </summary>
internal static partial class DemoHistory
{
    public const string ResourceName = "HelpDesk.Web.Demo.DemoHistory.jsonl";

    /// <summary>The moment the recording was made as of: a Tuesday morning, UTC.</summary>
    public static readonly DateTime ReferenceUtc = new(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);

    private const int FormatVersion = 1;

    // How Microsoft.Data.Sqlite writes a DateTime and a DateOnly; a value read back in exactly this form is a time.
    private const string TimeFormat = DapperConfiguration.StoredTimeFormat;
    private const string DateFormat = "yyyy-MM-dd";

    // How System.Text.Json writes a UTC DateTime inside a document.
    private const string EmbeddedTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    /// <summary>
    /// Not recorded: written by triggers from the rows they watch (or by SQLite itself), which replaying the rows writes
    /// again, or this installation's own keys.
    /// </summary>
    private static readonly HashSet<string> DerivedTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "DataProtectionKeys",
        "EconomicsChanges",
        "sqlite_sequence",
        "sqlite_stat1",
        "sqlite_stat4",
        "TicketSearchChanges",
    };

    private static readonly string[] SecretColumnWords = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Token", "Secret"];

    /// <summary>Every row of every table a recording may touch, by key.</summary>
    public static async Task<Snapshot> SnapshotAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new Dictionary<string, TableRows>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection, cancellationToken))
        {
            var rows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Keys(table)}, * FROM {Quote(table.Name)} ORDER BY {Keys(table)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new object?[table.KeyColumns.Count];
                for (var i = 0; i < key.Length; i++)
                {
                    key[i] = Value(reader, i);
                }

                var values = new object?[table.Columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Value(reader, key.Length + i);
                }

                rows.Add(KeyText(key), [.. key, .. values]);
            }

            tables[table.Name] = new TableRows(table, rows);
        }

        return new Snapshot(tables);
    }

    /// <summary>The recording of what <paramref name="after"/> adds to <paramref name="before"/>, as of <paramref name="referenceUtc"/>.</summary>
    public static string Record(Snapshot before, Snapshot after, DateTime referenceUtc)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var text = new StringBuilder();
        var buffer = new ArrayBufferWriter<byte>();
        void Line(Action<Utf8JsonWriter> write)
        {
            buffer.Clear();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                write(json);
            }

            text.Append(Encoding.UTF8.GetString(buffer.WrittenSpan)).Append('\n');
        }

        // What the earlier stages must have left for the recording's ids to mean the same rows: each table's row
        // count and highest key.
        Line(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("history", FormatVersion);
            json.WriteString("referenceUtc", referenceUtc.ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartObject("before");
            foreach (var (name, rows) in before.Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                json.WriteString(name, Fingerprint(rows));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });

        var messageIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var updates = new List<Action<Utf8JsonWriter>>();
        foreach (var name in InsertOrder(after))
        {
            var rows = after.Tables[name];
            var table = rows.Table;
            var earlier = before.Tables.GetValueOrDefault(name);
            var added = rows.Rows.Where(r => earlier is null || !earlier.Rows.ContainsKey(r.Key)).Select(r => r.Value).ToList();
            if (earlier is not null && earlier.Rows.Keys.Any(k => !rows.Rows.ContainsKey(k)))
            {
                throw new InvalidOperationException($"The demo's later stages delete rows of {name}, which a recording does not replay.");
            }

            var written = WrittenColumns(table);
            if (added.Count > 0)
            {
                Line(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("table", name);
                    json.WriteStartArray("columns");
                    foreach (var (column, _) in written)
                    {
                        json.WriteStringValue(column);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                foreach (var row in added)
                {
                    Line(json =>
                    {
                        json.WriteStartArray();
                        foreach (var (column, index) in written)
                        {
                            WriteValue(json, column, row[index], referenceUtc, messageIds);
                        }

                        json.WriteEndArray();
                    });
                }
            }

            if (earlier is null)
            {
                continue;
            }

            foreach (var (key, row) in rows.Rows)
            {
                if (!earlier.Rows.TryGetValue(key, out var old))
                {
                    continue;
                }

                var changed = table.Columns.Select((column, i) => (column, index: table.KeyColumns.Count + i))
                    .Where(c => !Same(old[c.index], row[c.index]) && !(IsSecret(c.column) && row[c.index] is string))
                    .ToList();
                if (changed.Count == 0)
                {
                    continue;
                }

                updates.Add(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("update", name);
                    json.WriteStartObject("key");
                    for (var i = 0; i < table.KeyColumns.Count; i++)
                    {
                        json.WritePropertyName(table.KeyColumns[i]);
                        WriteValue(json, table.KeyColumns[i], row[i], referenceUtc, messageIds);
                    }

                    json.WriteEndObject();
                    json.WriteStartObject("set");
                    foreach (var (column, index) in changed)
                    {
                        json.WritePropertyName(column);
                        WriteValue(json, column, row[index], referenceUtc, messageIds);
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                });
            }
        }

        // After the inserts: a trigger on an insert may change an earlier row (an engineer's open count), and the
        // recorded value is what it ended as.
        foreach (var update in updates)
        {
            Line(update);
        }

        return text.ToString();
    }

    /// <summary>The embedded recording (UTF-8 JSON lines), or null when this build carries none.</summary>
    public static byte[]? Embedded()
    {
        using var stream = typeof(DemoHistory).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null || stream.Length == 0)
        {
            return null;
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>
    /// Writes <paramref name="recording"/> shifted to <paramref name="nowUtc"/>, in the connection's transaction.
    /// </summary>
    /// <returns>False, having written nothing, when the earlier stages left rows other than the recording's.</returns>
    public static async Task<bool> TryWriteAsync(SqliteConnection connection, byte[] recording, DateTime nowUtc, Func<string, string> freshValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(freshValue);
        var (version, referenceUtc, expected, headerLength) = Header(recording);
        if (version != FormatVersion)
        {
            return false;
        }

        var tables = await TablesAsync(connection, cancellationToken);
        foreach (var table in tables)
        {
            if (!expected.TryGetValue(table.Name, out var fingerprint) || fingerprint != await FingerprintAsync(connection, table, cancellationToken))
            {
                return false;
            }
        }

        if (expected.Count != tables.Count)
        {
            return false;
        }

        // Foreign keys are checked at the commit: a row may name one written after it (two tables naming each other).
        using (var defer = connection.CreateCommand())
        {
            defer.CommandText = "PRAGMA defer_foreign_keys = ON";
            await defer.ExecuteNonQueryAsync(cancellationToken);
        }

        using var writer = new Writer(connection, nowUtc, DateOnly.FromDateTime(nowUtc), freshValue);
        writer.WriteAll(recording.AsSpan(headerLength), cancellationToken);
        return true;
    }

    private static (int Version, DateTime ReferenceUtc, Dictionary<string, string?> Before, int Length) Header(byte[] recording)
    {
        var reader = new Utf8JsonReader(recording, new JsonReaderOptions { AllowMultipleValues = true });
        using var header = JsonDocument.ParseValue(ref reader);
        var root = header.RootElement;
        return (
            root.GetProperty("history").GetInt32(),
            DateTime.Parse(root.GetProperty("referenceUtc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            root.GetProperty("before").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal),
            (int)reader.BytesConsumed);
    }

    private sealed class Writer(SqliteConnection connection, DateTime nowUtc, DateOnly today, Func<string, string> freshValue) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _updates = new(StringComparer.Ordinal);
        private readonly Dictionary<int, string> _messageIds = [];
        private SqliteCommand? _insert;

        public void WriteAll(ReadOnlySpan<byte> lines, CancellationToken cancellationToken)
        {
            // One reader over the whole recording: a row is read straight into its insert's parameters.
            var reader = new Utf8JsonReader(lines, new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    var parameters = _insert!.Parameters;
                    var i = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        parameters[i++].Value = Read(ref reader);
                    }

                    _insert.ExecuteNonQuery();
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                if (root.TryGetProperty("table", out var table))
                {
                    _insert?.Dispose();
                    var columns = root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
                    _insert = connection.CreateCommand();
                    _insert.CommandText = $"INSERT INTO {Quote(table.GetString()!)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, n) => "$" + n.ToString(CultureInfo.InvariantCulture)))})";
                    for (var n = 0; n < columns.Count; n++)
                    {
                        _insert.Parameters.Add(new SqliteParameter("$" + n.ToString(CultureInfo.InvariantCulture), null));
                    }

                    _insert.Prepare();
                }
                else
                {
                    Update(root);
                }
            }
        }

        private object Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return DBNull.Value;
                case JsonTokenType.String:
                    return reader.GetString()!;
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out var whole) ? whole : reader.GetDouble();
                case JsonTokenType.StartObject:
                    reader.Read();
                    var kind = reader.GetString()!;
                    reader.Read();
                    var value = kind switch
                    {
                        "d" or "messageId" => Kinded(kind, null, reader.GetInt32()),
                        _ => Kinded(kind, reader.GetString()!, 0),
                    };
                    reader.Read();
                    return value;
                default:
                    throw new InvalidOperationException($"The demo history holds a value of unknown kind {reader.TokenType}.");
            }
        }

        private void Update(JsonElement root)
        {
            var table = root.GetProperty("update").GetString()!;
            var set = root.GetProperty("set").EnumerateObject().ToList();
            var key = root.GetProperty("key").EnumerateObject().ToList();
            var sql = $"UPDATE {Quote(table)} SET {string.Join(", ", set.Select((c, n) => $"{Quote(c.Name)} = $s{n}"))} WHERE {string.Join(" AND ", key.Select((c, n) => $"{(c.Name == "rowid" ? "rowid" : Quote(c.Name))} = $k{n}"))}";
            if (!_updates.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                for (var n = 0; n < set.Count; n++)
                {
                    command.Parameters.Add(new SqliteParameter("$s" + n.ToString(CultureInfo.InvariantCulture), null));
                }

                for (var n = 0; n < key.Count; n++)
                {
                    command.Parameters.Add(new SqliteParameter("$k" + n.ToString(CultureInfo.InvariantCulture), null));
                }

                _updates[sql] = command;
            }

            var i = 0;
            foreach (var column in set)
            {
                command.Parameters[i++].Value = Read(column.Value);
            }

            foreach (var column in key)
            {
                command.Parameters[i++].Value = Read(column.Value);
            }

            if (command.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"The demo history's update of {table} found no row.");
            }
        }

        /// <summary>A value of one of the few update lines, read as the inserts' values are.</summary>
        private object Read(JsonElement value)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value.GetRawText()));
            reader.Read();
            return Read(ref reader);
        }

        private object Kinded(string kind, string? text, int number) => kind switch
        {
            "t" => Shifted(text!).ToString(TimeFormat, CultureInfo.InvariantCulture),
            "d" => today.AddDays(number).ToString(DateFormat, CultureInfo.InvariantCulture),
            "text" => OffsetPattern().Replace(text!, m => Shifted(m.Groups[1].Value).ToString(EmbeddedTimeFormat, CultureInfo.InvariantCulture))
                .Replace("{{{{", "{{", StringComparison.Ordinal),
            "b" => Convert.FromBase64String(text!),
            "messageId" => MessageId(number),
            "new" => freshValue(text!),
            _ => throw new InvalidOperationException($"The demo history holds a value of unknown kind {kind}."),
        };

        private DateTime Shifted(string offset) => nowUtc + TimeSpan.ParseExact(offset, "c", CultureInfo.InvariantCulture);

        private string MessageId(int ordinal)
        {
            if (!_messageIds.TryGetValue(ordinal, out var id))
            {
                id = freshValue("MessageId");
                _messageIds[ordinal] = id;
            }

            return id;
        }

        public void Dispose()
        {
            _insert?.Dispose();
            foreach (var command in _updates.Values)
            {
                command.Dispose();
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string column, object? value, DateTime referenceUtc, Dictionary<string, int> messageIds)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case long whole:
                json.WriteNumberValue(whole);
                break;
            case double real:
                json.WriteNumberValue(real);
                break;
            case byte[] bytes:
                json.WriteStartObject();
                json.WriteBase64String("b", bytes);
                json.WriteEndObject();
                break;
            case string when IsSecret(column):
                json.WriteStartObject();
                json.WriteString("new", column);
                json.WriteEndObject();
                break;
            case string text when MessageIdPattern().Match(text) is { Success: true } messageId:
                // The random part of a Message-ID is new at each seed; the same one recorded twice (the outbox row
                // and the ticket's mail ids) stays the same one.
                if (!messageIds.TryGetValue(messageId.Groups[1].Value, out var ordinal))
                {
                    ordinal = messageIds.Count + 1;
                    messageIds[messageId.Groups[1].Value] = ordinal;
                }

                json.WriteStartObject();
                json.WriteNumber("messageId", ordinal);
                json.WriteEndObject();
                break;
            case string text when text.Length > DateFormat.Length && text.Length <= TimeFormat.Length
                && DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                && time.ToString(TimeFormat, CultureInfo.InvariantCulture) == text && !Sentinel(time):
                json.WriteStartObject();
                json.WriteString("t", Offset(time, referenceUtc));
                json.WriteEndObject();
                break;
            case string text when text.Length == DateFormat.Length
                && DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && !Sentinel(date.ToDateTime(TimeOnly.MinValue)):
                json.WriteStartObject();
                json.WriteNumber("d", date.DayNumber - DateOnly.FromDateTime(referenceUtc).DayNumber);
                json.WriteEndObject();
                break;
            case string text when EmbeddedTimePattern().IsMatch(text):
                // A time inside a JSON document (the routing record's "atUtc") moves with the rest.
                var shifted = false;
                var template = EmbeddedTimePattern().Replace(text.Replace("{{", "{{{{", StringComparison.Ordinal), match =>
                {
                    if (DateTime.TryParseExact(match.Value, EmbeddedTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var embedded)
                        && embedded.ToString(EmbeddedTimeFormat, CultureInfo.InvariantCulture) == match.Value && !Sentinel(embedded))
                    {
                        shifted = true;
                        return "{{" + Offset(embedded, referenceUtc) + "}}";
                    }

                    return match.Value;
                });
                if (shifted)
                {
                    json.WriteStartObject();
                    json.WriteString("text", template);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteStringValue(text);
                }

                break;
            case string text:
                json.WriteStringValue(text);
                break;
            default:
                throw new InvalidOperationException($"The demo history cannot record a {value.GetType().Name} in {column}.");
        }
    }

    // "Never" and "since always" (DateTime.MaxValue, a queue's no-deadline) stay what they are.
    private static bool Sentinel(DateTime time) => time.Year < 1900 || time.Year > 9000;

    private static string Offset(DateTime time, DateTime referenceUtc) =>
        (DateTime.SpecifyKind(time, DateTimeKind.Utc) - referenceUtc).ToString("c", CultureInfo.InvariantCulture);

    [GeneratedRegex("^([0-9a-f]{32})@[A-Za-z0-9.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageIdPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z", RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedTimePattern();

    [GeneratedRegex(@"\{\{(-?[0-9.:]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    private static bool Same(object? a, object? b) => a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    private static bool IsSecret(string column) => SecretColumnWords.Any(w => column.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static object? Value(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldType(ordinal) switch
    {
        var t when t == typeof(long) => reader.GetInt64(ordinal),
        var t when t == typeof(double) => reader.GetDouble(ordinal),
        var t when t == typeof(byte[]) => (byte[])reader.GetValue(ordinal),
        _ => reader.GetString(ordinal),
    };

    // The columns an insert names: the table's own, and the rowid too when it is hidden, so that every row keeps its key.
    private static List<(string Column, int Index)> WrittenColumns(Table table)
    {
        var columns = table.Columns.Select((c, i) => (c, table.KeyColumns.Count + i)).ToList();
        if (table.HiddenRowid)
        {
            columns.Insert(0, ("rowid", 0));
        }

        return columns;
    }

    // Parents before children, so that the triggers on a child (a message appending to its ticket's search row) find them.
    private static List<string> InsertOrder(Snapshot after)
    {
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name)
        {
            if (!seen.Add(name))
            {
                return;
            }

            foreach (var parent in after.Tables[name].Table.Parents.Where(after.Tables.ContainsKey).Order(StringComparer.Ordinal))
            {
                Visit(parent);
            }

            order.Add(name);
        }

        foreach (var name in after.Tables.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name);
        }

        return order;
    }

    private static string Fingerprint(TableRows rows) =>
        rows.Rows.Count.ToString(CultureInfo.InvariantCulture) + " " + (rows.Rows.Count == 0 ? "" : rows.Rows.Keys.Max(StringComparer.Ordinal));

    private static async Task<string> FingerprintAsync(SqliteConnection connection, Table table, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Keys(table)} FROM {Quote(table.Name)}";
        var count = 0;
        string? highest = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new object?[table.KeyColumns.Count];
            for (var i = 0; i < key.Length; i++)
            {
                key[i] = Value(reader, i);
            }

            var text = KeyText(key);
            count++;
            if (highest is null || string.CompareOrdinal(text, highest) > 0)
            {
                highest = text;
            }
        }

        return count.ToString(CultureInfo.InvariantCulture) + " " + highest;
    }

    private static string KeyText(object?[] key) => string.Join("|", key.Select(k => k switch
    {
        long whole => whole.ToString("D12", CultureInfo.InvariantCulture),
        null => "",
        _ => Convert.ToString(k, CultureInfo.InvariantCulture),
    }));

    private static string Keys(Table table) => string.Join(", ", table.KeyColumns.Select(c => c == "rowid" ? "rowid" : Quote(c)));

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<List<Table>> TablesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var found = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
            }
        }

        // A full-text index is a virtual table with shadow tables named after it; its triggers fill it.
        var virtualTables = found.Where(t => t.Sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        var tables = new List<Table>();
        foreach (var (name, sql) in found)
        {
            if (DerivedTables.Contains(name) || name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
                || virtualTables.Any(v => name == v || name.StartsWith(v + "_", StringComparison.Ordinal)))
            {
                continue;
            }

            var columns = new List<(string Name, string Type, int Key)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name, type, pk FROM pragma_table_info($table) ORDER BY cid";
                command.Parameters.AddWithValue("$table", name);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    columns.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
                }
            }

            var parents = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($table)";
                command.Parameters.AddWithValue("$table", name);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var parent = reader.GetString(0);
                    if (!string.Equals(parent, name, StringComparison.OrdinalIgnoreCase))
                    {
                        parents.Add(found.FirstOrDefault(t => string.Equals(t.Name, parent, StringComparison.OrdinalIgnoreCase)).Name ?? parent);
                    }
                }
            }

            var withoutRowid = sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
            var keyed = columns.Where(c => c.Key > 0).OrderBy(c => c.Key).ToList();
            var rowidAlias = keyed.Count == 1 && string.Equals(keyed[0].Type, "INTEGER", StringComparison.OrdinalIgnoreCase);
            IReadOnlyList<string> keyColumns = withoutRowid ? [.. keyed.Select(c => c.Name)] : ["rowid"];
            tables.Add(new Table(name, [.. columns.Select(c => c.Name)], keyColumns, HiddenRowid: !withoutRowid && !rowidAlias, parents));
        }

        return tables;
    }

    internal sealed record Table(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> KeyColumns, bool HiddenRowid, IReadOnlyList<string> Parents);

    internal sealed record TableRows(Table Table, Dictionary<string, object?[]> Rows);

    internal sealed record Snapshot(IReadOnlyDictionary<string, TableRows> Tables);
}
