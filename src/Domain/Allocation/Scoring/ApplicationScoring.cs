using KosodateShien.Domain.Certification;

namespace KosodateShien.Domain.Allocation.Scoring;

/// <summary>The facts a 選考基準指数 is computed from, gathered at the round's 基準日 (first day of its month).</summary>
/// <param name="Needs">the guardians' 保育必要性 from the child's certification</param>
/// <param name="GuardianCount">保護者 in the household on the 基準日</param>
/// <param name="ChildrenInHousehold">children (児童) in the household (多子)</param>
/// <param name="HouseholdIncomeLevy">世帯の所得割額 for the fee year of the month, null when not known</param>
/// <param name="WaitingMonths">months since the requested start (待機月数)</param>
public sealed record ScoringFacts(
    IReadOnlyList<CareNeed> Needs,
    int GuardianCount,
    bool SingleParent,
    bool PublicAssistance,
    IReadOnlyList<string> DeclaredAdjustments,
    int ChildrenInHousehold,
    long? HouseholdIncomeLevy,
    int WaitingMonths);

/// <summary>基準指数情報: one line of the breakdown (基準項目, 内容, 指数).</summary>
public sealed record ScoreLine(string Item, string Content, decimal Points);

/// <summary>One 同一指数の優先順位 key: lower comes first.</summary>
public sealed record TieBreakKey(TieBreakStep Step, long Value);

/// <summary>選考基準指数合計 with its breakdown, tie-break keys and the criteria version that produced them.</summary>
public sealed record ApplicationScore(decimal Total, IReadOnlyList<ScoreLine> Lines, IReadOnlyList<TieBreakKey> TieBreak, string CriteriaId, int CriteriaVersion);

/// <summary>Computes 選考基準指数 = Σ 基準指数 (per guardian) + Σ 調整指数, and the tie-break keys.</summary>
public static class ApplicationScoring
{
    public static ApplicationScore Score(ScoringFacts facts, SelectionCriteria criteria)
    {
        var lines = new List<ScoreLine>();
        foreach (var need in facts.Needs)
        {
            var (points, content) = BaseIndex(need, criteria);
            lines.Add(new ScoreLine("基準指数", content, points));
        }
        // Two guardians are scored; an absent one (ひとり親等) counts at the criteria's points for a missing guardian.
        var absentGuardians = Math.Max(0, 2 - Math.Max(facts.GuardianCount, facts.Needs.Count));
        for (var i = 0; i < absentGuardians; i++)
            lines.Add(new ScoreLine("基準指数", "保護者不存在 (ひとり親等)", criteria.MissingGuardianPoints));

        foreach (var item in criteria.Adjustments)
        {
            var applies = item.Source switch
            {
                AdjustmentSource.SingleParent => facts.SingleParent,
                AdjustmentSource.PublicAssistance => facts.PublicAssistance,
                _ => facts.DeclaredAdjustments.Contains(item.Code),
            };
            if (applies) lines.Add(new ScoreLine("調整指数", item.Label, item.Points));
        }

        var keys = criteria.TieBreakOrder.Select(step => new TieBreakKey(step, step switch
        {
            TieBreakStep.SingleParent => facts.SingleParent ? 0 : 1,
            TieBreakStep.PublicAssistance => facts.PublicAssistance ? 0 : 1,
            TieBreakStep.MoreChildren => -facts.ChildrenInHousehold,
            TieBreakStep.SiblingEnrolled => facts.DeclaredAdjustments.Contains("siblingEnrolled") ? 0 : 1,
            TieBreakStep.LowerIncomeLevy => facts.HouseholdIncomeLevy ?? long.MaxValue,
            TieBreakStep.LongerWaiting => -facts.WaitingMonths,
            _ => 0,
        })).ToList();

        return new ApplicationScore(lines.Sum(l => l.Points), lines, keys, criteria.Id, criteria.Version);
    }

    private static (decimal Points, string Content) BaseIndex(CareNeed need, SelectionCriteria criteria)
    {
        var rule = criteria.BaseIndex.FirstOrDefault(r => r.Reason == need.Reason);
        if (rule is null) return (0, $"{need.Reason}: 基準なし");
        if (rule.FixedPoints is { } fixedPoints) return (fixedPoints, $"{need.Reason}");
        var hours = need.MonthlyHours ?? 0;
        var band = rule.ByHours.Where(b => hours >= b.FromMonthlyHours).MaxBy(b => b.FromMonthlyHours);
        return band is null ? (0, $"{need.Reason} 月{hours}時間 (下限未満)") : (band.Points, $"{need.Reason} 月{hours}時間 ({band.FromMonthlyHours}時間以上)");
    }
}
