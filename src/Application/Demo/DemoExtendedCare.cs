using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Application.Demo;

/// <summary>What the 延長保育 part of a demo run generated.</summary>
internal sealed record DemoExtendedCareData(IReadOnlyList<Guid> ContractIds, long ApplicationNumbersUsed);

/// <summary>
/// 延長保育 contracts, as <c>/api/extended-care…</c> makes them: about 12% of the children attending a 保育 facility today, in a
/// クラス年齢 the rules offer it to, applied for this 年度 (from April, or from the day they started if later), 承諾 and 契約 a
/// few days before, to 3/31. Most are 月額利用; a 日額利用 contract starts this month, so no month before it lacks its
/// 利用実績. Their fees come from the demo's monthly run, like everyone's. 申請番号 run "E{年度}{000001…}" in the order applied.
/// </summary>
internal sealed class DemoExtendedCareGenerator(DemoRandom random, DateOnly today, ExtendedCareRuleSet rules)
{
    private const double Share = 0.12;
    private const double DailyShare = 0.2;

    private static readonly string[] TimeBands = ["18:15〜18:45", "18:15〜19:15", "07:00〜07:15"];

    private static readonly string[] Reasons = ["勤務終了が18:00のため", "通勤に1時間以上かかるため", "早番勤務（7:30始業）のため", "シフト勤務のため"];

    private readonly DateOnly _month = new(today.Year, today.Month, 1);
    private readonly int _fiscalYear = JapaneseDates.FiscalYearOf(today);
    private readonly DateOnly _yearStart = new(JapaneseDates.FiscalYearOf(today), 4, 1);

    public DemoExtendedCareData Generate(IReadOnlyList<DemoPlacement> placements, ICollection<DemoStream> streams)
    {
        var drafts = new List<(Placement Placement, int ClassAge, DateOnly From, DateOnly AppliedOn, ExtendedCareFeeSystem FeeSystem)>();
        foreach (var placed in placements)
        {
            var placement = placed.State;
            if (!placement.IsActiveOn(_month) || placement.EndsOn is not null || placement.ServiceKind == ServiceKind.Education) continue;
            if (rules.AgeBandFor(placed.ClassNow) is null || !random.Chance(Share)) continue;
            var daily = random.Chance(DailyShare);
            var from = daily ? _month : placement.StartsOn > _yearStart ? placement.StartsOn : _yearStart;
            drafts.Add((placement, placed.ClassNow, from, from.AddDays(-random.Int(10, 30)), daily ? ExtendedCareFeeSystem.Daily : ExtendedCareFeeSystem.Monthly));
        }

        var ids = new List<Guid>(drafts.Count);
        var number = 0L;
        foreach (var (placement, classAge, from, appliedOn, feeSystem) in drafts.OrderBy(d => d.AppliedOn))
        {
            var stream = new DemoStreamBuilder<ExtendedCareContract>(random.NextGuid(), ExtendedCareContract.Evolve);
            stream.Append(ExtendedCareContract.Apply(stream.Id, ContractNumbering.ExtendedCareApplicationNumber(_fiscalYear, ++number), placement, classAge, appliedOn, from, null, feeSystem,
                random.Pick(TimeBands), random.Pick(Reasons), rules));
            var decidedOn = appliedOn.AddDays(random.Int(3, 7));
            stream.Append(stream.State.Approve(decidedOn, placement));
            stream.Append(stream.State.Contract(decidedOn.AddDays(random.Int(0, 2))));
            streams.Add(stream.ToStream());
            ids.Add(stream.Id);
        }
        return new DemoExtendedCareData(ids, number);
    }
}
