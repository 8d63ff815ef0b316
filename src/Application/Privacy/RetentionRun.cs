using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;
using Marten;

namespace KosodateShien.Application.Privacy;

/// <summary>The outcome of a retention run: how many people were checked, which were erased (their erasures), how many are still kept.</summary>
public sealed record RetentionRunResult(DateOnly AsOf, int RuleVersion, int PersonsChecked, IReadOnlyList<Guid> Erasures, int Kept);

/// <summary>
/// 保存期間満了による消去: every person whose records are all closed and past their retention period is erased, each by an erasure of
/// its own (ground 保存期間満了) approved by the supervisor who runs it.
/// </summary>
public static class RetentionRun
{
    /// <summary>Erasures whose former values are sought in one scan of every table (a regular expression of a few thousand words).</summary>
    private const int VerifiedTogether = 200;

    /// <summary>The people whose data may be erased today (the run's preview).</summary>
    public static async Task<(RetentionRules Rules, IReadOnlyList<RetentionDecision> Decisions)> AssessAllAsync(IDocumentStore store, DateOnly asOf, CancellationToken ct)
    {
        var rules = await PersonalDataEraser.RulesInForceAsync(store, asOf, ct);
        var records = await PersonRecords.ForAsync(store, null, asOf, ct);
        return (rules, [.. records.Select(r => RetentionAssessment.Assess(r.Key, r.Value, rules, asOf))]);
    }

    /// <param name="asOf">基準日: periods are counted to it and records must be closed on it (today or earlier)</param>
    public static async Task<RetentionRunResult> RunAsync(IDocumentStore store, DateOnly asOf, string runBy, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.TodayJst();
        var (rules, decisions) = await AssessAllAsync(store, asOf, ct);
        var erasures = new List<PersonalDataEraser.Shredded>();
        foreach (var decision in decisions.Where(d => d.Erasable).OrderBy(d => d.PersonId))
        {
            var erasureId = Guid.CreateVersion7();
            await using (var session = store.LightweightSession())
            {
                session.Events.StartStream<Erasure>(erasureId, Erasure.Request(erasureId, decision.PersonId, ErasureGround.RetentionExpired,
                    $"保存期間満了 (保存期間の基準 {rules.Id} 第{rules.Version}版)", $"保存期間 ({decision.KeptUntil:yyyy-MM-dd} まで) の満了", today, runBy));
                await session.SaveChangesAsync(ct);
            }
            try
            {
                erasures.Add(await PersonalDataEraser.ShredAsync(store, erasureId, null, runBy, decision, clock, ct));
            }
            catch (DomainRuleException refused)
            {
                // Erased meanwhile by a request, or the person vanished: the proposal is refused with the reason.
                await using var session = store.LightweightSession();
                var erasure = await session.Events.FetchForWriting<Erasure>(erasureId, ct);
                erasure.AppendOne(erasure.Aggregate!.Reject(today, runBy, refused.Message));
                await session.SaveChangesAsync(ct);
            }
        }
        foreach (var chunk in erasures.Chunk(VerifiedTogether)) await PersonalDataEraser.RecordSearchAsync(store, chunk, clock, ct);
        return new RetentionRunResult(asOf, rules.Version, decisions.Count, [.. erasures.Select(e => e.ErasureId)], decisions.Count - erasures.Count);
    }
}
