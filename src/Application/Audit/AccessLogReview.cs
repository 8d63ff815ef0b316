using KosodateShien.Application.Rules;
using KosodateShien.Domain.Audit;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Audit;
using Marten;

namespace KosodateShien.Application.Audit;

/// <summary>Review the access log for the reads from <paramref name="From"/> to <paramref name="To"/> (JST days, inclusive).</summary>
public sealed record ReviewAccessLog(DateOnly From, DateOnly To);

/// <summary>What a review found: every finding of the period, and how many of them are new.</summary>
public sealed record AccessReviewResult(DateOnly From, DateOnly To, int Reads, int RuleVersion, int Raised, IReadOnlyList<AccessFinding> Findings);

/// <summary>アクセス記録の定期分析: runs the rules in force over a period of the log and raises what it finds, once per kind, user and hour.</summary>
public static class ReviewAccessLogHandler
{
    public static Task EnsureDefaultRulesAsync(IDocumentStore store, CancellationToken ct) => RuleSetStore.EnsureDefaultAsync(store, AccessReviewRules.Default, ct);

    public static async Task<AccessReviewResult> Handle(ReviewAccessLog message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var rules = RuleSetVersions.InForceOn(await session.AllVersionsAsync<AccessReviewRules>(ct), message.To, "access review rule set");
        var (from, to) = (JapaneseDates.StartOfDayJst(message.From), JapaneseDates.StartOfDayJst(message.To.AddDays(1)));
        var records = await session.Query<AccessRecord>().Where(r => r.At >= from && r.At < to).ToListAsync(ct);
        var cases = await OpenCases.ForAsync(session, [.. records.SelectMany(r => r.SubjectIds)], message.From, from, to, ct);
        var entries = records.Select(r => new AccessEntry(r.Id, r.User, r.At, r.SubjectIds, r.Status, cases.Without(r.User, r.Roles, r.SubjectIds, r.Status))).ToList();
        var found = AccessReview.Review(entries, rules, clock.GetUtcNow());
        var known = (await session.LoadManyAsync<AccessFinding>(ct, found.Select(f => f.FindingId))).ToDictionary(f => f.Id);
        var raised = found.Where(f => !known.ContainsKey(f.FindingId)).ToList();
        foreach (var finding in raised) session.Events.StartStream<AccessFinding>(finding.FindingId, finding);
        var findings = found.Select(f => known.GetValueOrDefault(f.FindingId) ?? AccessFinding.Evolve(null, f)!).ToList();
        return new AccessReviewResult(message.From, message.To, entries.Count, rules.Version, raised.Count, findings);
    }
}
