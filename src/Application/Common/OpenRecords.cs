using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Contracts;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Common;

/// <summary>The work an open record belongs to: 窓口・認定 (applications, certifications, placements) or 収納 (charges, 口座振替).</summary>
public enum CaseArea { Care, Collection }

/// <summary>A record still open, the people and households it names, and why it is open.</summary>
public sealed record OpenRecord(Guid StreamId, CaseArea Area, IReadOnlyList<Guid> Subjects, string Reason);

/// <summary>
/// The records naming some people or households that are still open on a day: an application not yet decided, a certification
/// applied for or in force, a placement not ended, a charge not settled, a 口座振替 still drawing. The retention check keeps a
/// person's data while one is open; the access review counts a read of them as a read on a case.
/// </summary>
public static class OpenRecords
{
    public static async Task<IReadOnlyList<OpenRecord>> NamingAsync(IQuerySession session, IReadOnlyCollection<Guid> subjects, DateOnly day, CancellationToken ct)
    {
        var open = new List<OpenRecord>();
        foreach (var chunk in subjects.Distinct().Chunk(1_000))
        {
            foreach (var a in await session.Query<PlacementApplication>().Where(a => a.ChildId.In(chunk) || a.HouseholdId.In(chunk)).ToListAsync(ct))
                if (a.IsWaiting || a.Status == PlacementApplicationStatus.Offered)
                    open.Add(new(a.Id, CaseArea.Care, [a.ChildId, a.HouseholdId, a.ApplicantId], $"利用申込 {a.ApplicationNumber} が決定していない"));
            foreach (var c in await session.Query<CertificationState>().Where(c => c.ChildId.In(chunk)).ToListAsync(ct))
                if (c.IsOpenOn(day)) open.Add(new(c.Id, CaseArea.Care, [c.ChildId], "認定の申請中または認定期間中"));
            foreach (var p in await session.Query<Placement>().Where(p => p.ChildId.In(chunk) || p.HouseholdId.In(chunk)).ToListAsync(ct))
                if (p.IsOpenOn(day)) open.Add(new(p.Id, CaseArea.Care, [p.ChildId, p.HouseholdId], $"利用契約 {p.ContractNumber} が終了していない"));
            foreach (var c in await session.Query<Charge>().Where(c => c.PayerId.In(chunk)).ToListAsync(ct))
                if (!c.IsSettledOn(day))
                    open.Add(new(c.Id, CaseArea.Collection, c.HouseholdId is { } household ? [c.PayerId, household] : [c.PayerId],
                        $"調定 {c.CollectionNumber} が完結していない ({c.StatusOn(day)})"));
            foreach (var m in await session.Query<DirectDebitMandate>().Where(m => m.PayerId.In(chunk)).ToListAsync(ct))
                if (m.RunsOnOrAfter(day)) open.Add(new(m.Id, CaseArea.Collection, [m.PayerId], $"口座振替 {m.CustomerNumber} が終了していない"));
        }
        // A record naming subjects in two chunks was found twice.
        return [.. open.DistinctBy(r => r.StreamId)];
    }
}
