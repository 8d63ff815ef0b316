using Npgsql;

namespace KosodateShien.Api.Http.Idempotency;

/// <summary>
/// The database transaction an <c>Idempotency-Key</c> request runs in, from the key's reservation to the kept answer. The
/// request's own Marten session joins it (<see cref="IdempotentSessionFactory"/>), and the messages it sends wait for its
/// commit (<see cref="DeferMessagesUntilCommit"/>).
/// </summary>
public sealed class IdempotencyScope(NpgsqlTransaction transaction)
{
    private static readonly AsyncLocal<IdempotencyScope?> current = new();
    private int claimed;

    /// <summary>The scope of the request running in this async flow, if it sent a key.</summary>
    public static IdempotencyScope? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>
    /// The transaction, for the first session that asks: the endpoint's own session, which Wolverine opens before anything else
    /// runs. Later sessions (a job the endpoint invokes) keep their own transactions.
    /// </summary>
    public NpgsqlTransaction? Claim() => Interlocked.Exchange(ref claimed, 1) == 0 ? transaction : null;
}
