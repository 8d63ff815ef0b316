namespace KosodateShien.Api.Audit;

/// <summary>
/// Holds a response back, up to a limit, so that the access log is written before the client gets it; then releases it. A
/// response beyond the limit (a very large file) is passed through as it comes, and is not kept.
/// </summary>
public sealed class CapturingStream(Stream inner, int limit) : Stream
{
    private readonly MemoryStream held = new();

    /// <summary>Whether the whole response is held (it did not pass the limit).</summary>
    public bool Complete { get; private set; } = true;

    public ReadOnlyMemory<byte> Captured => held.GetBuffer().AsMemory(0, (int)held.Length);

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Complete && held.Length + buffer.Length <= limit)
        {
            held.Write(buffer.Span);
            return;
        }
        if (Complete)
        {
            Complete = false;
            await ReleaseAsync(cancellationToken);
        }
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Sends what is held to the client.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        if (held.Length == 0) return;
        await inner.WriteAsync(Captured, ct);
        held.SetLength(0);
    }

    // A flush before the end (a streaming writer) waits for the release: nothing reaches the client before the record.
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) held.Dispose();
        base.Dispose(disposing);
    }
}
