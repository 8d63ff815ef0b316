using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Audit;

/// <summary>What the review of the access log found unusual.</summary>
public enum AccessFindingKind
{
    /// <summary>多数の対象者: many distinct people read by one user within an hour</summary>
    [JsonStringEnumMemberName("manySubjects")] ManySubjects,
    /// <summary>業務時間外: reads outside office hours or on a weekend</summary>
    [JsonStringEnumMemberName("outsideOfficeHours")] OutsideOfficeHours,
    /// <summary>拒否の反復: repeated refused reads (401/403) within an hour</summary>
    [JsonStringEnumMemberName("repeatedRefusals")] RepeatedRefusals,
    /// <summary>対応案件なし: reads of people and households with no open case for the user's role (no application, certification,
    /// placement or unsettled charge), more than the rules allow within an hour</summary>
    [JsonStringEnumMemberName("noOpenCase")] NoOpenCase,
}

/// <summary>One read as the review sees it: who, when, whom, and whether it was refused.</summary>
/// <param name="WithoutOpenCase">none of the people and households read has an open case for the user's role</param>
public sealed record AccessEntry(long RecordId, string User, DateTimeOffset At, IReadOnlyList<Guid> SubjectIds, int Status, bool WithoutOpenCase = false);

/// <summary>
/// アクセス記録分析の所見: the review flagged a user's reads in an hour (kind, the hour, how many, the records); a supervisor
/// acknowledges it.
/// </summary>
/// <param name="Hour">the clock hour (JST) the reads fall in</param>
/// <param name="Count">how many distinct people, reads outside hours, or refusals</param>
public sealed record AccessFindingRaised(Guid FindingId, AccessFindingKind Kind, string User, DateTimeOffset Hour, int Count, IReadOnlyList<long> RecordIds, int RuleVersion,
    DateTimeOffset RaisedAt);

/// <summary>確認: a supervisor looked into the finding and says what was found.</summary>
public sealed record AccessFindingAcknowledged(Guid FindingId, string By, DateTimeOffset At, string Note);

/// <summary>A finding (its stream is named by kind, user and hour, so a second review of the same hour raises nothing again).</summary>
public sealed record AccessFinding(Guid Id, AccessFindingKind Kind, string User, DateTimeOffset Hour, int Count, IReadOnlyList<long> RecordIds, int RuleVersion,
    DateTimeOffset RaisedAt, AccessFindingAcknowledged? Acknowledgement = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(AccessFindingAcknowledged),
        typeof(AccessFindingRaised),
    ];

    public static AccessFinding? Evolve(AccessFinding? state, object @event) => (state, @event) switch
    {
        (null, AccessFindingRaised e) => new AccessFinding(e.FindingId, e.Kind, e.User, e.Hour, e.Count, e.RecordIds, e.RuleVersion, e.RaisedAt),
        (not null, AccessFindingAcknowledged e) => state with { Acknowledgement = e },
        _ => state,
    };

    public static Guid IdFor(AccessFindingKind kind, string user, DateTimeOffset hour) => NameBasedGuid.For($"access-finding/{kind}/{user}/{hour:O}");

    /// <summary>確認 by someone else than the user the finding is about.</summary>
    public AccessFindingAcknowledged Acknowledge(string by, DateTimeOffset at, string note)
    {
        if (Acknowledgement is not null)
            throw new DomainRuleException("finding.acknowledged", $"This finding was acknowledged by {Acknowledgement.By} at {Acknowledgement.At:yyyy-MM-dd HH:mm}.");
        if (string.Equals(by, User, StringComparison.Ordinal))
            throw new DomainRuleException("finding.own", "A finding about your own reads is acknowledged by another supervisor.");
        return new AccessFindingAcknowledged(Id, by, at, note);
    }
}

/// <summary>アクセス記録の定期分析: the findings in a set of reads, per user and clock hour (JST).</summary>
public static class AccessReview
{
    public static IReadOnlyList<AccessFindingRaised> Review(IEnumerable<AccessEntry> entries, AccessReviewRules rules, DateTimeOffset now)
    {
        var findings = new List<AccessFindingRaised>();
        foreach (var group in entries.GroupBy(e => (e.User, Hour: HourOf(e.At))).OrderBy(g => g.Key.Hour).ThenBy(g => g.Key.User, StringComparer.Ordinal))
        {
            var (user, hour) = group.Key;
            var reads = group.Where(e => e.Status is not (401 or 403)).ToList();
            var subjects = reads.SelectMany(e => e.SubjectIds).Distinct().Count();
            if (subjects > rules.MaxSubjectsPerHour) findings.Add(Raise(AccessFindingKind.ManySubjects, user, hour, subjects, reads, rules, now));
            var outside = reads.Where(e => OutsideOfficeHours(e.At, rules)).ToList();
            if (outside.Count > 0) findings.Add(Raise(AccessFindingKind.OutsideOfficeHours, user, hour, outside.Count, outside, rules, now));
            var caseless = reads.Where(e => e.WithoutOpenCase).ToList();
            if (caseless.Count > rules.MaxReadsWithoutOpenCasePerHour)
                findings.Add(Raise(AccessFindingKind.NoOpenCase, user, hour, caseless.Count, caseless, rules, now));
            var refusals = group.Where(e => e.Status is 401 or 403).ToList();
            if (refusals.Count > rules.MaxRefusalsPerHour) findings.Add(Raise(AccessFindingKind.RepeatedRefusals, user, hour, refusals.Count, refusals, rules, now));
        }
        return findings;
    }

    /// <summary>The start of the clock hour (JST) of a moment.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var jst = JapaneseDates.InJst(at);
        return new DateTimeOffset(jst.Year, jst.Month, jst.Day, jst.Hour, 0, 0, jst.Offset);
    }

    private static bool OutsideOfficeHours(DateTimeOffset at, AccessReviewRules rules)
    {
        var jst = JapaneseDates.InJst(at);
        var time = TimeOnly.FromDateTime(jst.DateTime);
        return jst.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || time < rules.OfficeOpens || time >= rules.OfficeCloses;
    }

    private static AccessFindingRaised Raise(AccessFindingKind kind, string user, DateTimeOffset hour, int count, IEnumerable<AccessEntry> entries, AccessReviewRules rules,
        DateTimeOffset now) =>
        new(AccessFinding.IdFor(kind, user, hour), kind, user, hour, count, [.. entries.Select(e => e.RecordId).Order()], rules.Version, now);
}
