using System.Diagnostics;
using JasperFx;
using JasperFx.CodeGeneration;
using KosodateShien.Application;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Contracts;
using KosodateShien.Application.Fees;
using KosodateShien.Domain.Fees;
using KosodateShien.Projections;
using KosodateShien.Projections.Privacy;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Marten;

namespace KosodateShien.Bench.Fees;

/// <summary>Options of the stored-data fee benchmark.</summary>
/// <param name="Schema">the database schema the ward is written to (dropped and recreated every run)</param>
public sealed record StoredFeeOptions(int Children = 100_000, int Seed = 1, DateOnly Month = default, string Schema = StoredFeeBench.DefaultSchema, int LoadParallelism = 2,
    bool KeepWard = false)
{
    public DateOnly MonthOrDefault => Month == default ? StoredFeeBench.DefaultMonth : Month;
}

/// <summary>What one fee run did, as measured from outside.</summary>
public sealed record FeeRunMeasurement(TimeSpan Wall, TimeSpan ClientCpu, TimeSpan? DatabaseCpu, IReadOnlyDictionary<string, long> EventsAppended)
{
    public long Total => EventsAppended.Values.Sum();
}

/// <summary>What the stored events say of a month after its run.</summary>
/// <param name="Placements">placements covering the month</param>
/// <param name="WithFee">of those, the ones with a 利用者負担額決定 in force for it (made for the month or an earlier one)</param>
/// <param name="DeterminedForMonth">of those, the ones with a determination made for the month itself (the fee changed)</param>
/// <param name="WithMore">placements with more than one determination for the month (a run appended one twice)</param>
public sealed record FeeRunCheck(long Placements, long WithFee, long DeterminedForMonth, long WithMore, long TotalFees, long TotalSideDishFees)
{
    public bool Holds => Placements > 0 && WithFee == Placements && WithMore == 0;
}

/// <summary>
/// <c>bench fees</c> (stored data): writes a synthetic ward (<see cref="StoredFeeWorld"/>) through Marten with the service's
/// store configuration (<see cref="KosodateStore.Configure"/>, inline projections and all) into its own schema, then runs the
/// month's fee determination the way the service does — <see cref="DetermineMonthlyFees"/> through a Wolverine host with the
/// service's Marten and Wolverine settings — twice, and checks the result in the database.
/// </summary>
public static class StoredFeeBench
{
    public const string DefaultSchema = "bench_fees";
    public static readonly DateOnly DefaultMonth = new(2027, 6, 1);
    private const int StreamsPerLoadTransaction = 2_000;
    private const string LoadUser = "bench-load";

    public static async Task<int> RunAsync(StoredFeeOptions options, string connectionString, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var month = options.MonthOrDefault;
        output.WriteLine($"bench fees (stored data)  children {options.Children:N0}  seed {options.Seed}  month {month:yyyy-MM}  schema {options.Schema}");

        var clock = Stopwatch.StartNew();
        var world = StoredFeeWorld.Generate(options.Children, options.Seed, month);
        var generated = clock.Elapsed;
        var counts = world.Counts;
        output.WriteLine($"  generate                   {Seconds(generated)}   {counts.Households:N0} households, {counts.Guardians:N0} guardians, " +
            $"{counts.PlacedChildren:N0} placed + {counts.OtherChildren:N0} school children, {counts.Facilities:N0} facilities");

        await using var database = NpgsqlDataSource.Create(connectionString);
        var kept = options.KeepWard && await PlacementCountAsync(database, options.Schema, ct) == counts.PlacedChildren;
        if (!kept) await DropSchemaAsync(connectionString, options.Schema, ct);
        using var host = await StartHostAsync(connectionString, options.Schema);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await CertificationRuleSets.EnsureDefaultAsync(store, ct);
        await FeeRuleSetStore.EnsureShippedAsync(store, ct);

        if (kept)
            output.WriteLine($"  load                       kept the ward already in {options.Schema} (--keep-ward; months already run append nothing)");
        else
        {
            clock.Restart();
            // Loading uses a store of its own with the same configuration whose connections prepare the repeated statements
            // (Npgsql auto-prepare): the events and inline projections are the same, written faster. The fee run uses the service's.
            using (var loader = new DocumentStore(LoadingOptions(connectionString, options.Schema)))
                await LoadAsync(loader, world, options.LoadParallelism, ct);
            var loaded = clock.Elapsed;
            output.WriteLine($"  load (Marten, inline)      {Seconds(loaded)}   {world.Streams.Count:N0} streams, {counts.Events:N0} events " +
                $"({world.Streams.Count / loaded.TotalSeconds:N0} streams/s; not part of the fee run)");

            // A service's tables are vacuumed and analysed; a ward written a second ago is not, and autovacuum would run during the
            // fee run. Do it now, timed apart.
            clock.Restart();
            await VacuumAnalyzeAsync(database, options.Schema, ct);
            output.WriteLine($"  vacuum analyze             {Seconds(clock.Elapsed)}   (not part of the fee run)");
        }
        var bus = host.Services.GetRequiredService<IMessageBus>();
        // A running service has compiled its handler (Wolverine does on first use) and its JIT has warmed up on last month's
        // run: do the previous month first, timed apart.
        var previous = await MeasureRunAsync(bus, database, options.Schema, month.AddMonths(-1), ct);
        Report(output, $"warm-up: {month.AddMonths(-1):yyyy-MM} run", previous, null);

        var first = await MeasureRunAsync(bus, database, options.Schema, month, ct);
        var check = await CheckAsync(database, options.Schema, month, ct);
        var second = await MeasureRunAsync(bus, database, options.Schema, month, ct);

        Report(output, "fee run", first, check.Placements);
        Report(output, "second run", second, check.Placements);
        output.WriteLine($"  check                      {check.WithFee:N0} of {check.Placements:N0} placements have a fee in force for {month:yyyy-MM}, " +
            $"{check.DeterminedForMonth:N0} determined for the month itself" + (check.WithMore > 0 ? $", {check.WithMore:N0} more than once" : ""));
        output.WriteLine($"  fees for the month         {check.TotalFees:N0} yen + 副食費 {check.TotalSideDishFees:N0} yen");

        var ok = true;
        if (!check.Holds)
        {
            error.WriteLine("bench fees: not every placement covering the month has a fee in force for it, or one was determined twice.");
            ok = false;
        }
        if (second.Total != 0)
        {
            error.WriteLine($"bench fees: the second run appended {second.Total:N0} events; it should append none.");
            ok = false;
        }
        await host.StopAsync(ct);
        return ok ? 0 : 1;
    }

    /// <summary>The service's Marten and Wolverine configuration (src/Api/Program.cs) without HTTP.</summary>
    /// <param name="handlers">an assembly of the bench's own handlers to discover as well</param>
    public static async Task<IHost> StartHostAsync(string connectionString, string schema, System.Reflection.Assembly? handlers = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new FeeSettings(FeeRuleSets.National));
        builder.Services.AddSingleton(new Application.Allocation.ExactSolver(new Application.Allocation.Exact.CpSatAllocator()));
        builder.Services.AddSingleton<Application.Hosting.StartupGate>();
        builder.Services.CritterStackDefaults(x =>
        {
            x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            x.Production.GeneratedCodeMode = TypeLoadMode.Dynamic;
        });
        builder.Services.AddMarten(opts => KosodateStore.Configure(opts, connectionString, schema))
            .UseLightweightSessions()
            .IntegrateWithWolverine();
        builder.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = ApplicationAssembly.Reference;
            if (handlers is not null) opts.Discovery.IncludeAssembly(handlers);
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.EnableRelayOfUserName = true;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal static StoreOptions LoadingOptions(string connectionString, string schema)
    {
        var prepared = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 32, AutoPrepareMinUsages = 2 }.ConnectionString;
        var options = new StoreOptions();
        KosodateStore.Configure(options, prepared, schema);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        return options;
    }

    /// <summary>Starts every stream through Marten sessions (inline projections run as for any append), several transactions at once.</summary>
    public static async Task LoadAsync(IDocumentStore store, StoredFeeWorld world, int parallelism, CancellationToken ct)
    {
        await Parallel.ForEachAsync(world.Streams.Chunk(StreamsPerLoadTransaction), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (chunk, token) =>
            {
                await store.PersonalDataKeys().EnsureAsync([.. chunk.Where(s => s.Aggregate == typeof(Person) || s.Aggregate == typeof(Household)).Select(s => s.Id)], token);
                await using var session = store.LightweightSession();
                session.LastModifiedBy = LoadUser;
                foreach (var stream in chunk) session.Events.StartStream(stream.Aggregate, stream.Id, [.. stream.Events]);
                await session.SaveChangesAsync(token);
            });
    }

    private static async Task<FeeRunMeasurement> MeasureRunAsync(IMessageBus bus, NpgsqlDataSource database, string schema, DateOnly month, CancellationToken ct)
    {
        var before = await ScalarAsync<long>(database, $"select coalesce(max(seq_id), 0) from {schema}.mt_events", ct);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var databaseCpu = DatabaseCpu.Sample(database.ConnectionString);
        var clock = Stopwatch.StartNew();
        await bus.InvokeAsync(new DetermineMonthlyFees(month), ct, TimeSpan.FromMinutes(30));
        var wall = clock.Elapsed;
        process.Refresh();
        var clientCpu = process.TotalProcessorTime - cpu;
        var databaseCpuUsed = DatabaseCpu.Sample(database.ConnectionString) - databaseCpu;

        var appended = new Dictionary<string, long>();
        await using var command = database.CreateCommand($"select type, count(*) from {schema}.mt_events where seq_id > $1 group by type order by type");
        command.Parameters.AddWithValue(before);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) appended[reader.GetString(0)] = reader.GetInt64(1);
        return new FeeRunMeasurement(wall, clientCpu, databaseCpuUsed, appended);
    }

    /// <summary>
    /// Per placement covering the month, from mt_events (not the snapshot): the 利用者負担額決定 in force (the latest made for
    /// the month or the nearest month before it) and how many were made for the month itself.
    /// </summary>
    public static async Task<FeeRunCheck> CheckAsync(NpgsqlDataSource database, string schema, DateOnly month, CancellationToken ct)
    {
        var sql = $"""
            with covering as materialized (
                select id from {schema}.mt_doc_placement
                where (data ->> 'startsOn')::date <= $2 and ((data ->> 'endsOn') is null or (data ->> 'endsOn')::date >= $1)),
            determinations as materialized (
                select e.stream_id, (e.data ->> 'month')::date as month, e.version, (e.data ->> 'fee')::bigint as fee, (e.data ->> 'sideDishFee')::bigint as side_dish
                from {schema}.mt_events e where e.type = 'fee_determined'),
            in_force as (
                select distinct on (d.stream_id) d.stream_id, d.fee, d.side_dish
                from determinations d join covering c on c.id = d.stream_id where d.month <= $1
                order by d.stream_id, d.month desc, d.version desc),
            this_month as (
                select d.stream_id, count(*) as n from determinations d join covering c on c.id = d.stream_id where d.month = $1 group by d.stream_id)
            select (select count(*) from covering), (select count(*) from in_force), (select count(*) from this_month), (select count(*) from this_month where n > 1),
                   (select coalesce(sum(fee), 0) from in_force), (select coalesce(sum(side_dish), 0) from in_force)
            """;
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;   // reads every determination of the ward
        command.Parameters.AddWithValue(month);
        command.Parameters.AddWithValue(new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new FeeRunCheck(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public static async Task VacuumAnalyzeAsync(NpgsqlDataSource database, string schema, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var command = database.CreateCommand("select tablename from pg_tables where schemaname = $1"))
        {
            command.Parameters.AddWithValue(schema);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using var vacuum = database.CreateCommand($"vacuum (analyze) \"{schema}\".\"{table}\"");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task DropSchemaAsync(string connectionString, string schema, CancellationToken ct)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var command = database.CreateCommand($"drop schema if exists \"{schema}\" cascade");
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> PlacementCountAsync(NpgsqlDataSource database, string schema, CancellationToken ct)
    {
        var exists = await ScalarAsync<bool>(database, $"select to_regclass('\"{schema}\".mt_doc_placement') is not null", ct);
        return exists ? await ScalarAsync<long>(database, $"select count(*) from \"{schema}\".mt_doc_placement", ct) : -1;
    }

    /// <summary>One value from the bench's database (no time limit: some checks read a whole ward).</summary>
    internal static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql, CancellationToken ct)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void Report(TextWriter output, string label, FeeRunMeasurement run, long? placements)
    {
        var events = run.EventsAppended.Count == 0 ? "no events appended" : string.Join(", ", run.EventsAppended.Select(e => $"{e.Value:N0} {e.Key}"));
        var rate = placements is { } n ? $"{n / run.Wall.TotalSeconds,9:N0} placements/s   " : "";
        output.WriteLine($"  {label,-26} {Seconds(run.Wall)}   {rate}{events}");
        output.WriteLine($"  {"",-26} cpu: client {Seconds(run.ClientCpu).Trim()}" + (run.DatabaseCpu is { } db ? $", PostgreSQL {Seconds(db).Trim()}" : ""));
    }

    internal static string Seconds(TimeSpan time) => $"{time.TotalSeconds,7:N2} s";

    /// <summary>CPU time of the PostgreSQL backends serving the bench's database, when the server runs on this machine (else nothing).</summary>
    internal static class DatabaseCpu
    {
        public static TimeSpan? Sample(string connectionString)
        {
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
            if (database is null || !Directory.Exists("/proc")) return null;
            long ticks = 0;
            var found = false;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                    if (!commandLine.StartsWith($"postgres: ", StringComparison.Ordinal) || !commandLine.Contains($" {database} ", StringComparison.Ordinal)) continue;
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
                    found = true;
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
            return found ? TimeSpan.FromSeconds(ticks / 100.0) : null;
        }
    }
}
