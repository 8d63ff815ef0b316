namespace KosodateShien.Application.Hosting;

/// <summary>
/// Opens once the start-up work (schema, shipped rule sets, demo seeding) is done; background jobs wait on it, and the
/// readiness probe reports it. The schema step is marked on its own, as soon as it is done.
/// </summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool schemaApplied;

    public Task Ready => ready.Task;

    public bool IsOpen => ready.Task.IsCompleted;

    /// <summary>Whether the database schema has been applied (it stays so for the life of the process).</summary>
    public bool SchemaApplied => schemaApplied;

    public void MarkSchemaApplied() => schemaApplied = true;

    public void Open() => ready.TrySetResult();
}
