using System.Diagnostics;
using System.Security.Cryptography;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections;
using Marten;
using Npgsql;

namespace KosodateShien.Api.Tests.Security;

/// <summary>
/// <c>./kosodate db backup</c> and <c>./kosodate db restore</c> on a scratch database of the test server (KOSODATE_TEST_DB's),
/// reached through the script's external mode (KOSODATE_DB): events and inline projections written through the service's
/// Marten configuration survive a backup, the destruction of the database and a restore, and the event store goes on
/// appending afterwards.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private const string Schema = KosodateStore.DefaultSchema;
    private readonly string _database = $"kosodate_backup_test_{Guid.NewGuid():N}"[..40];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"kosodate-backup-test-{Guid.NewGuid():N}");
    private string _admin = null!;
    private string _scratch = null!;

    public async Task InitializeAsync()
    {
        var test = Environment.GetEnvironmentVariable("KOSODATE_TEST_DB")
            ?? throw new InvalidOperationException("KOSODATE_TEST_DB is not set: run the tests with ./kosodate test (it starts PostgreSQL and sets it).");
        // No pooling: an idle pooled connection is a connected session, and restore rightly refuses to run while there is one.
        _admin = new NpgsqlConnectionStringBuilder(test) { Database = "postgres", Pooling = false }.ConnectionString;
        _scratch = new NpgsqlConnectionStringBuilder(test) { Database = _database, Pooling = false }.ConnectionString;
        await AdminAsync($"create database \"{_database}\"");
        Directory.CreateDirectory(_folder);
    }

    public async Task DisposeAsync()
    {
        // The database, and whatever a failed restore or swap may have left beside it.
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var command = new NpgsqlCommand("select datname from pg_database where datname like $1", connection))
        {
            command.Parameters.AddWithValue(_database + "%");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection) { CommandTimeout = DatabaseDdlTimeout };
            await drop.ExecuteNonQueryAsync();
        }
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task a_backup_restored_over_a_destroyed_database_brings_back_the_events_and_projections_and_appending_goes_on()
    {
        // Written through the service's own store configuration: person streams with their inline Person projection.
        var people = Enumerable.Range(1, 3).Select(_ => Guid.NewGuid()).ToArray();
        using (var store = OpenStore())
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();   // the key tables too, as the service does on start
            await using var session = store.LightweightSession();
            foreach (var (id, i) in people.Select((id, i) => (id, i)))
            {
                session.Events.StartStream<Person>(id,
                    new PersonRegistered(id, $"B{i:D9}", $"保存 太郎{i}", $"ホゾン タロウ{i}", new DateOnly(2024, 4, 1 + i), Sex.Male),
                    new ContactDetailsRecorded(id, ContactKind.Mobile, $"090-0000-000{i}", new DateOnly(2025, 1, 1)));
            }
            await session.SaveChangesAsync();
            session.Events.Append(people[0], new PersonDetailsChanged(people[0], "保存 次郎", "ホゾン ジロウ", new DateOnly(2024, 4, 1), Sex.Male,
                new DateOnly(2025, 6, 1), RegistryChangeReason.Correction));
            await session.SaveChangesAsync();
        }
        var before = await SnapshotAsync(people[0]);
        before.Events.ShouldBe(7);
        before.Person.Name.ShouldBe("保存 次郎");

        var file = Path.Combine(_folder, "kosodate.dump");
        var backup = await KosodateAsync("db", "backup", file);
        backup.ExitCode.ShouldBe(0, backup.Output);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        backup.Output.ShouldContain($"sha256: {Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)))}");
        (await KosodateAsync("db", "backup", file)).ExitCode.ShouldNotBe(0, "an existing backup is never overwritten");

        // Refusals leave the database as it is: no --yes over a database with data, and a file that is no archive.
        (await KosodateAsync("db", "restore", file)).ExitCode.ShouldNotBe(0);
        var garbage = Path.Combine(_folder, "garbage.dump");
        await File.WriteAllTextAsync(garbage, "not a pg_dump archive");
        var refused = await KosodateAsync("db", "restore", garbage, "--yes");
        refused.ExitCode.ShouldNotBe(0);
        refused.Output.ShouldContain("not a pg_dump archive");
        (await SnapshotAsync(people[0])).ShouldBe(before);

        // Destroyed: dropped and recreated empty.
        await AdminAsync($"drop database \"{_database}\" with (force)");
        await AdminAsync($"create database \"{_database}\"");
        (await ScalarAsync<long>("select count(*) from pg_tables where schemaname = $1", Schema)).ShouldBe(0);

        var restore = await KosodateAsync("db", "restore", file, "--yes");
        restore.ExitCode.ShouldBe(0, restore.Output);
        (await SnapshotAsync(people[0])).ShouldBe(before);

        // The sequences came back too: new events continue after the restored ones, in old and new streams alike.
        var newcomer = Guid.NewGuid();
        using (var store = OpenStore())
        {
            await using var session = store.LightweightSession();
            session.Events.Append(people[1], new ContactDetailsRecorded(people[1], ContactKind.Email, "after@example.jp", new DateOnly(2025, 7, 1)));
            session.Events.StartStream<Person>(newcomer, new PersonRegistered(newcomer, "B999999999", "復元 花子", "フクゲン ハナコ", new DateOnly(2025, 5, 5), Sex.Female));
            await session.SaveChangesAsync();

            var person = await session.LoadAsync<Person>(people[1]);
            person.ShouldNotBeNull();
            (await session.Events.FetchStreamStateAsync(people[1]))!.Version.ShouldBe(3);
            person.Contacts.Select(c => c.Kind).ShouldBe([ContactKind.Mobile, ContactKind.Email]);
            (await session.LoadAsync<Person>(newcomer)).ShouldNotBeNull();
        }
        (await ScalarAsync<long>($"select count(*) from {Schema}.mt_events")).ShouldBe(before.Events + 2);
        (await ScalarAsync<long>($"select count(*) from {Schema}.mt_events where seq_id > $1", before.LastSequence)).ShouldBe(2);
    }

    /// <summary>What must survive: the event count and the last sequence number, one Person projection document, and a digest of
    /// every row of the event and stream tables.</summary>
    private sealed record Snapshot(long Events, long LastSequence, string EventDigest, (string Name, string Kana, DateOnly BirthDate, string Contacts) Person);

    private async Task<Snapshot> SnapshotAsync(Guid personId)
    {
        var events = await ScalarAsync<long>($"select count(*) from {Schema}.mt_events");
        var last = await ScalarAsync<long>($"select max(seq_id) from {Schema}.mt_events");
        var digest = await ScalarAsync<string>(
            $"select md5((select string_agg(e::text, '|' order by e.seq_id) from {Schema}.mt_events e) || (select string_agg(s::text, '|' order by s.id) from {Schema}.mt_streams s))");
        using var store = OpenStore();
        await using var session = store.QuerySession();
        var person = await session.LoadAsync<Person>(personId) ?? throw new InvalidOperationException($"no Person document {personId}");
        var contacts = string.Join(",", person.Contacts.Select(c => $"{c.Kind}:{c.Value}:{c.Since:O}"));
        return new Snapshot(events, last, digest, (person.Name, person.Kana, person.BirthDate, contacts));
    }

    private DocumentStore OpenStore() => DocumentStore.For(o => KosodateStore.Configure(o, _scratch));

    /// <summary>
    /// Seconds a drop or create database may take: each waits for a checkpoint, which after a write-heavy test or benchmark
    /// on the same cluster took longer than Npgsql's default 30 s.
    /// </summary>
    private const int DatabaseDdlTimeout = 300;

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = DatabaseDdlTimeout };
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(_scratch);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed record ScriptResult(int ExitCode, string Output);

    /// <summary>Runs the repository's <c>./kosodate</c> with KOSODATE_DB naming the scratch database (external mode: it starts no cluster).</summary>
    private async Task<ScriptResult> KosodateAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() };
        start.ArgumentList.Add(Path.Combine(start.WorkingDirectory, "kosodate"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["KOSODATE_DB"] = _scratch;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ScriptResult(process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "kosodate")) && File.Exists(Path.Combine(dir.FullName, "KosodateShien.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no ./kosodate above {AppContext.BaseDirectory}");
    }
}
