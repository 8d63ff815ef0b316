using KosodateShien.Application.Hosting;
using Npgsql;

namespace KosodateShien.Api.Http;

/// <summary>What the readiness probe found: each check's state by name; ready when every one passed.</summary>
public sealed record ReadinessReport(IReadOnlyDictionary<string, string> Checks)
{
    public const string DatabaseOk = "ok", SchemaApplied = "applied", StartupDone = "done";

    public bool Ready => Checks["database"] == DatabaseOk && Checks["schema"] == SchemaApplied && Checks["startup"] == StartupDone;
}

/// <summary>
/// The readiness probe's checks, cheap enough to run every few seconds: the database answers one trivial query (within
/// <see cref="Timeout"/>); the schema was applied and the start-up work finished, both facts kept in memory by the
/// <see cref="StartupGate"/> once known.
/// </summary>
public sealed class ReadinessCheck(Func<NpgsqlConnection> connect, StartupGate gate, ILogger<ReadinessCheck> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<ReadinessReport> CheckAsync(CancellationToken ct) => new(new Dictionary<string, string>
    {
        ["database"] = await DatabaseAnswersAsync(ct) ? ReadinessReport.DatabaseOk : "unreachable",
        ["schema"] = gate.SchemaApplied ? ReadinessReport.SchemaApplied : "pending",
        ["startup"] = gate.IsOpen ? ReadinessReport.StartupDone : "running",
    });

    private async Task<bool> DatabaseAnswersAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var connection = connect();
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Readiness: the database did not answer ({Error}).", e.Message);
            return false;
        }
    }
}
