using System.Text.Json;
using KosodateShien.Projections;
using Marten;

// The auditors' CLI. For now: list one stream's events with who/when/correlation.
// It connects with ConnectionStrings__Kosodate (set by ./kosodate) or KOSODATE_DB.
return await ReplayCli.RunAsync(args);

internal static class ReplayCli
{
    private const string Usage = """
        usage: replay stream <stream-id> [--schema NAME] [--json]
          stream   list the stream's events in order: version, recorded time, user, correlation id, type, data
        Connection: ConnectionStrings__Kosodate or KOSODATE_DB (Npgsql connection string).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["stream", var idText, .. var rest] || !Guid.TryParse(idText, out var streamId))
        {
            Console.Error.WriteLine(Usage);
            return args is ["--help"] or ["-h"] or ["help"] ? 0 : 2;
        }
        var schema = Option(rest, "--schema") ?? KosodateStore.DefaultSchema;
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__Kosodate") ?? Environment.GetEnvironmentVariable("KOSODATE_DB");
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine("replay: no database: set ConnectionStrings__Kosodate or KOSODATE_DB (./kosodate replay sets it).");
            return 2;
        }

        using var store = DocumentStore.For(opts => KosodateStore.Configure(opts, connection, schema));
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamId);
        if (events.Count == 0)
        {
            Console.Error.WriteLine($"replay: no stream {streamId} in schema {schema}.");
            return 1;
        }

        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = rest.Contains("--json"),
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        foreach (var e in events)
        {
            if (rest.Contains("--json"))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { e.Version, e.Sequence, type = e.EventTypeName, label = EventLabels.For(e.Data), e.Timestamp, e.UserName, e.CorrelationId, e.CausationId, data = e.Data }, json));
                continue;
            }
            Console.WriteLine($"{e.Version,4}  {e.Timestamp.ToOffset(TimeSpan.FromHours(9)):yyyy-MM-dd HH:mm:ss}  {e.UserName ?? "-",-16} {e.CorrelationId ?? "-",-36}  {EventLabels.For(e.Data)} ({e.EventTypeName})");
            Console.WriteLine($"      {JsonSerializer.Serialize(e.Data, json)}");
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
