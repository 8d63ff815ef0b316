using KosodateShien.Domain.Certification;
using KosodateShien.Projections.Certification;
using Marten;

namespace KosodateShien.Application.Certification;

/// <summary>Issues 支給認定者番号 and 認定証発行処理番号 from database sequences (gaps allowed, never reused).</summary>
public static class NumberSequences
{
    public static async Task<string> NextCertificationNumberAsync(this IQuerySession session, int fiscalYear, CancellationToken ct) =>
        CertificationNumbering.CertificationNumber(fiscalYear, await NextAsync(session, CertificationStoreConfiguration.CertificationNumberSequence, ct));

    public static async Task<string> NextCertificateIssueNumberAsync(this IQuerySession session, int fiscalYear, CancellationToken ct) =>
        CertificationNumbering.CertificateIssueNumber(fiscalYear, await NextAsync(session, CertificationStoreConfiguration.CertificateNumberSequence, ct));

    /// <summary>Moves a sequence past numbers already used (after loading demo or migrated data).</summary>
    public static async Task AdvancePastAsync(IDocumentStore store, string sequence, long used, CancellationToken ct)
    {
        if (used <= 0) return;
        await using var session = store.QuerySession();
        var name = Qualified(session, sequence);
        await session.QueryAsync<long>($"select setval('{name}', greatest({used}, (select last_value from {name})))", ct);
    }

    public static async Task<long> NextAsync(this IQuerySession session, string sequence, CancellationToken ct) =>
        (await session.QueryAsync<long>($"select nextval('{Qualified(session, sequence)}')", ct)).Single();

    /// <summary>The next <paramref name="count"/> numbers of a sequence, in one round trip.</summary>
    public static async Task<IReadOnlyList<long>> NextAsync(this IQuerySession session, string sequence, int count, CancellationToken ct) =>
        count == 0 ? [] : [.. (await session.QueryAsync<long>($"select nextval('{Qualified(session, sequence)}') from generate_series(1, {count})", ct)).Order()];

    private static string Qualified(IQuerySession session, string sequence) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{sequence}";
}
