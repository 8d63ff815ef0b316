using Marten;
using Marten.Services;
using SessionOptions = Marten.Services.SessionOptions;

namespace KosodateShien.Api.Http.Idempotency;

/// <summary>
/// Lightweight sessions, except that a request with an <c>Idempotency-Key</c> writes in the transaction that also keeps its
/// key and answer: Marten then runs the commands without committing, and the key's middleware commits once the answer is kept.
/// </summary>
public sealed class IdempotentSessionFactory(IDocumentStore store) : SessionFactoryBase(store)
{
    public override SessionOptions BuildOptions() =>
        IdempotencyScope.Current?.Claim() is { } transaction
            ? SessionOptions.ForTransaction(transaction)
            : new SessionOptions { Tracking = DocumentTracking.None };
}
