using System.Text.Json;
using KosodateShien.Projections;
using Marten;

// The auditors' CLI: a stream's events with who/when/correlation, any aggregate as of a day or version, and verify (the read
// models rebuilt from the events into a shadow schema and compared with the live ones).
// It connects with ConnectionStrings__Kosodate (set by ./kosodate) or KOSODATE_DB.
return await ReplayCli.RunAsync(args);

internal static class ReplayCli
{
    private const string Usage = """
        usage: replay stream <stream-id> [--json]
               replay aggregate <stream-id> [--as-of YYYY-MM-DD | --version N]
               replay verify [--shadow SCHEMA] [--keep-shadow]
               replay person <person-id> [--out FILE]
          stream     list the stream's events in order: version, recorded time (JST), user, correlation id, label, data
          aggregate  the stream's aggregate (charge, certification, placement, …) rebuilt from its events up to the end of a day
                     (JST) or a version, as JSON
          verify     rebuild every snapshot read model from the events into a shadow schema (default <schema>_verify) and
                     compare it with the live tables row by row; prints the documents compared and every difference
                     (exit 1 when any); the shadow schema is dropped afterwards unless --keep-shadow
          person     開示請求: the person's complete history as JSON — every stream whose events name them, with all events, and
                     the access log's reads of their data (to FILE, readable only by its owner, or to standard output)
        Options: --schema NAME (default kosodate). Connection: ConnectionStrings__Kosodate or KOSODATE_DB (Npgsql connection string).
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [] or ["--help" or "-h" or "help"])
        {
            Console.Error.WriteLine(Usage);
            return args is [] ? 2 : 0;
        }
        var schema = Option(args, "--schema") ?? KosodateStore.DefaultSchema;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Kosodate") ?? Environment.GetEnvironmentVariable("KOSODATE_DB");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("replay: no database: set ConnectionStrings__Kosodate or KOSODATE_DB (./kosodate replay sets it).");
            return 2;
        }
        // Sealed personal data opens with the service's master key (PersonalData__MasterKey); without one, the development key.
        using var store = DocumentStore.For(opts => KosodateStore.Configure(opts, connection, schema, KosodateShien.Projections.Privacy.MasterKey.FromEnvironment()));
        return args switch
        {
            ["stream", var id, ..] when Guid.TryParse(id, out var streamId) => await StreamAsync(store, streamId, args.Contains("--json")),
            ["aggregate", var id, ..] when Guid.TryParse(id, out var streamId) => await AggregateAsync(store, streamId, args),
            ["person", var id, ..] when Guid.TryParse(id, out var personId) => await PersonAsync(store, personId, Option(args, "--out")),
            ["verify", ..] => await VerifyAsync(store, Option(args, "--shadow") ?? $"{schema}_verify", args.Contains("--keep-shadow")),
            _ => UsageError(),
        };
    }

    private static async Task<int> StreamAsync(IDocumentStore store, Guid streamId, bool json)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId);
        if (events.Count == 0)
        {
            Console.Error.WriteLine($"replay: no stream {streamId}.");
            return 1;
        }
        var indented = new JsonSerializerOptions(Json) { WriteIndented = json };
        foreach (var e in events)
        {
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { e.Version, e.Sequence, type = e.EventTypeName, label = EventLabels.For(e.Data), e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, data = e.Data }, indented));
                continue;
            }
            Console.WriteLine($"{e.Version,4}  {e.Timestamp.ToOffset(TimeSpan.FromHours(9)):yyyy-MM-dd HH:mm:ss}  {e.UserName ?? "-",-16} {e.CorrelationId ?? "-",-36}  {EventLabels.For(e.Data)} ({e.EventTypeName})");
            Console.WriteLine($"      {JsonSerializer.Serialize(e.Data, Json)}");
        }
        return 0;
    }

    private static async Task<int> AggregateAsync(IDocumentStore store, Guid streamId, string[] args)
    {
        DateOnly? asOf = Option(args, "--as-of") is { } day ? DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture) : null;
        long? version = Option(args, "--version") is { } v ? long.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (await ProjectionVerifier.RebuildAsync(store, streamId, version, asOf, CancellationToken.None) is not { } rebuilt)
        {
            Console.Error.WriteLine($"replay: no aggregate for stream {streamId} (no such stream, or nothing yet at that day or version).");
            return 1;
        }
        Console.WriteLine($"// {rebuilt.Document.Name} {streamId}" + (asOf is null ? "" : $" as of the end of {asOf:yyyy-MM-dd} (JST)") + (version is null ? "" : $" at version {version}"));
        Console.WriteLine(JsonSerializer.Serialize(rebuilt.State, rebuilt.Document, new JsonSerializerOptions(Json) { WriteIndented = true }));
        return 0;
    }

    private static async Task<int> VerifyAsync(IDocumentStore store, string shadow, bool keep)
    {
        var report = await ProjectionVerifier.VerifyAsync(store, shadow, keep, CancellationToken.None);
        foreach (var (table, count) in report.Documents.OrderBy(d => d.Key)) Console.WriteLine($"  {table,-40} {count,9:N0} documents rebuilt");
        foreach (var name in report.NotVerified) Console.WriteLine($"  {name,-40} not verified (not a single-stream snapshot)");
        foreach (var difference in report.Differences) Console.WriteLine($"  DIFFERENT  {difference.Table} {difference.Id}: {difference.Kind}");
        Console.WriteLine(report.Agrees ? "verify: the read models agree with the events (0 differences)." : $"verify: {report.Differences.Count} differences.");
        return report.Agrees ? 0 : 1;
    }

    private static async Task<int> PersonAsync(IDocumentStore store, Guid personId, string? file)
    {
        var history = await PersonHistoryExport.ExportAsync(store, personId, TimeProvider.System, CancellationToken.None);
        if (history.Streams.Count == 0)
        {
            Console.Error.WriteLine($"replay: nothing names person {personId}.");
            return 1;
        }
        var json = JsonSerializer.Serialize(history, new JsonSerializerOptions(Json) { WriteIndented = true });
        if (file is null)
        {
            Console.WriteLine(json);
            return 0;
        }
        // It holds a person's data: create it readable by its owner only, and never over another file.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(file, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(json);
        Console.Error.WriteLine($"replay: {history.Streams.Count} streams, {history.Streams.Sum(s => s.Events.Count)} events, {history.AccessLog.Count} reads → {file}");
        return 0;
    }

    private static int UsageError()
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
