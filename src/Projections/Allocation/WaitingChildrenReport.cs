using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Projections.Allocation;

/// <summary>Counts by クラス年齢 (0–5) and in total.</summary>
public sealed record AgeClassCounts(int Total, IReadOnlyList<int> ByAgeClass);

/// <summary>
/// 待機児童・保留児童 on a reference date (REFERENCE.md §3, national definition). 保留児童: children with a valid
/// 2号/3号 certification whose application for a start on or before the date is waiting (受付 or 保留).
/// 待機児童: 保留児童 less those the national definition leaves out, each counted under <c>Excluded</c>:
/// 広域 受託 applicants (counted by their home municipality), and 育児休業中 applicants unless included on request.
/// </summary>
public sealed record WaitingChildrenReport(DateOnly ReferenceDate, AgeClassCounts OnHold, AgeClassCounts Waiting, IReadOnlyDictionary<string, int> Excluded);

public static class WaitingChildrenQueries
{
    public static async Task<WaitingChildrenReport> WaitingChildrenAsync(this IQuerySession session, DateOnly date, bool countParentalLeave, CancellationToken ct)
    {
        var applications = await session.Query<PlacementApplication>()
            .Where(a => (a.Status == PlacementApplicationStatus.Received || a.Status == PlacementApplicationStatus.OnHold) && a.DesiredStartMonth <= date)
            .ToListAsync(ct);
        var certifications = (await session.LoadManyAsync<CertificationState>(ct, applications.Select(a => a.CertificationId).Distinct())).ToDictionary(c => c.Id);
        var children = (await session.LoadManyAsync<Person>(ct, applications.Select(a => a.ChildId).Distinct())).ToDictionary(p => p.Id);

        var onHold = new int[6];
        var waiting = new int[6];
        var excluded = new Dictionary<string, int> { ["wideAreaAccepted"] = 0, ["parentalLeave"] = 0 };
        foreach (var application in applications)
        {
            if (!certifications.TryGetValue(application.CertificationId, out var certification) || !CoversCare(certification, date)) continue;
            if (!children.TryGetValue(application.ChildId, out var child)) continue;
            var ageClass = JapaneseDates.ClassAge(child.BirthDate, JapaneseDates.FiscalYearOf(date));
            if (ageClass is < 0 or > 5) continue;
            onHold[ageClass]++;

            if (application.WideAreaAccepted) excluded["wideAreaAccepted"]++;
            else if (!countParentalLeave && certification.PrimaryReason == CareNeedReason.ParentalLeave) excluded["parentalLeave"]++;
            else waiting[ageClass]++;
        }
        return new WaitingChildrenReport(date, new AgeClassCounts(onHold.Sum(), onHold), new AgeClassCounts(waiting.Sum(), waiting), excluded);
    }

    private static bool CoversCare(CertificationState c, DateOnly date) =>
        c.Status == CertificationStatus.Certified && c.Category is CertificationCategory.Category2 or CertificationCategory.Category3
        && c.ValidFrom <= date && c.ValidTo >= date;
}
