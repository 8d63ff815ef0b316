namespace KosodateShien.Application.Hosting;

/// <summary>Opens once the start-up work (schema, shipped rule sets, demo seeding) is done; background jobs wait on it.</summary>
public sealed class StartupGate
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => ready.Task;

    public void Open() => ready.TrySetResult();
}
