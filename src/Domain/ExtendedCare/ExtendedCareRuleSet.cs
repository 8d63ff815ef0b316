using KosodateShien.Domain.Common;
using KosodateShien.Domain.Fees;

namespace KosodateShien.Domain.ExtendedCare;

/// <summary>
/// 延長保育料算定区分 (所得階層): a band of 国階層 (1 生活保護, 2 非課税, 3–8 by 所得割額) as the month's 利用者負担額決定 decided it.
/// </summary>
/// <param name="Code">区分コード</param>
/// <param name="Name">階層名称</param>
/// <param name="FromNationalTier">lowest 国階層 in the band</param>
/// <param name="ToNationalTier">highest 国階層 in the band</param>
public sealed record ExtendedCareTierBand(string Code, string Name, int FromNationalTier, int ToNationalTier)
{
    public bool Contains(int nationalTier) => nationalTier >= FromNationalTier && nationalTier <= ToNationalTier;
}

/// <summary>延長保育料算定区分 (年齢): a band of クラス年齢 (the child's age on 1 April of the 年度).</summary>
/// <param name="Code">区分コード</param>
/// <param name="Name">区分名称, e.g. 1・2歳児クラス</param>
public sealed record ExtendedCareAgeBand(string Code, string Name, int FromClassAge, int ToClassAge)
{
    public bool Contains(int classAge) => classAge >= FromClassAge && classAge <= ToClassAge;
}

/// <summary>延長保育料単価 for one 所得階層 × 年齢 band.</summary>
/// <param name="Monthly">月額 (月単位)</param>
/// <param name="Daily">日額 (日単位, per 利用回数)</param>
/// <param name="DailyMonthlyCap">延長保育料上限: the most 日単位 charges in a month (null = no cap)</param>
public sealed record ExtendedCarePrice(string TierBand, string AgeBand, long Monthly, long Daily, long? DailyMonthlyCap);

/// <summary>多子 (延長保育料算定区分): the share of the fee a 第2子 and a 第3子以降 pay, by the 子の順位 the 利用者負担額決定 counted.</summary>
public sealed record ExtendedCareSiblingRule(Ratio SecondChildPays, Ratio ThirdChildPays);

/// <summary>延長保育料減免 (減免項目・要件): households that pay nothing.</summary>
/// <param name="PublicAssistance">生活保護世帯 → 0</param>
/// <param name="NonTaxable">市町村民税非課税世帯 → 0</param>
public sealed record ExtendedCareExemptions(bool PublicAssistance, bool NonTaxable);

/// <summary>
/// 延長保育料の基準: a municipality's extended-care fee rules, as immutable versions each in force from its 適用開始日. Every
/// 延長保育料 determination records the version it used.
/// <para>
/// Order of the calculation: 単価 (月額, or 日額 × 利用回数 capped at 延長保育料上限) → 減免 (生活保護 / 非課税 → 0) → 多子 share →
/// 日割 (月単位 only; 分子 = days of the month the contract and the placement both cover, 分母 = calendar days of the month, as
/// for 利用者負担額 in REFERENCE.md §4.5) → rounding down to <see cref="RoundDownTo"/> yen (10 = 10円未満切捨て).
/// 日単位 is never prorated: 利用回数 already counts only days of use, and the cap is the whole month's.
/// </para>
/// </summary>
/// <param name="Id">document id, <c>extended-care-rules/{version}</c></param>
/// <param name="Version">延長保育料基準 履歴番号</param>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="TierBands">所得階層 bands; together they cover 国階層 1–8 once each</param>
/// <param name="AgeBands">年齢 bands; a クラス年齢 outside every band cannot use extended care (e.g. 0歳児クラス)</param>
/// <param name="Prices">延長保育料単価 per 所得階層 × 年齢 band</param>
/// <param name="RoundDownTo">端数処理: round the fee down to this unit of yen (1 = none)</param>
public sealed record ExtendedCareRuleSet(
    string Id,
    int Version,
    DateOnly EffectiveFrom,
    string Description,
    IReadOnlyList<ExtendedCareTierBand> TierBands,
    IReadOnlyList<ExtendedCareAgeBand> AgeBands,
    IReadOnlyList<ExtendedCarePrice> Prices,
    ExtendedCareSiblingRule Siblings,
    ExtendedCareExemptions Exemptions,
    int RoundDownTo,
    string? PublishedBy = null,
    DateTimeOffset? PublishedAt = null) : IVersionedRuleSet
{
    public static string DocumentId(int version) => $"extended-care-rules/{version}";

    public static ExtendedCareRuleSet InForceOn(IEnumerable<ExtendedCareRuleSet> versions, DateOnly date) =>
        RuleSetVersions.InForceOn(versions, date, "延長保育料の基準 (extended-care fee rules)");

    public ExtendedCareAgeBand? AgeBandFor(int classAge) => AgeBands.FirstOrDefault(b => b.Contains(classAge));

    public ExtendedCareTierBand? TierBandFor(int nationalTier) => TierBands.FirstOrDefault(b => b.Contains(nationalTier));

    public ExtendedCarePrice? PriceFor(string tierBand, string ageBand) => Prices.FirstOrDefault(p => p.TierBand == tierBand && p.AgeBand == ageBand);

    /// <summary>What makes a draft unusable, by field path (bands overlapping or leaving gaps, a missing price, negative amounts, bad shares).</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (RoundDownTo < 1) problems.Add(("roundDownTo", "must be 1 or more (yen)."));
        for (var tier = 1; tier <= 8; tier++)
        {
            var bands = TierBands.Count(b => b.Contains(tier));
            if (bands != 1) problems.Add(("tierBands", $"国階層 {tier} must fall in exactly one band (it falls in {bands})."));
        }
        for (var i = 0; i < TierBands.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(TierBands[i].Code)) problems.Add(($"tierBands[{i}].code", "is required."));
            if (TierBands[i].FromNationalTier > TierBands[i].ToNationalTier) problems.Add(($"tierBands[{i}].toNationalTier", "must not be below fromNationalTier."));
        }
        if (AgeBands.Count == 0) problems.Add(("ageBands", "must list at least one band."));
        for (var i = 0; i < AgeBands.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(AgeBands[i].Code)) problems.Add(($"ageBands[{i}].code", "is required."));
            if (AgeBands[i].FromClassAge is < 0 or > 5 || AgeBands[i].ToClassAge is < 0 or > 5 || AgeBands[i].FromClassAge > AgeBands[i].ToClassAge)
                problems.Add(($"ageBands[{i}]", "must be a range of クラス年齢 within 0–5."));
        }
        for (var age = 0; age <= 5; age++)
            if (AgeBands.Count(b => b.Contains(age)) > 1) problems.Add(("ageBands", $"クラス年齢 {age} falls in more than one band."));
        if (TierBands.Select(b => b.Code).Distinct().Count() != TierBands.Count) problems.Add(("tierBands", "codes must be unique."));
        if (AgeBands.Select(b => b.Code).Distinct().Count() != AgeBands.Count) problems.Add(("ageBands", "codes must be unique."));
        foreach (var tier in TierBands)
        foreach (var age in AgeBands)
        {
            var count = Prices.Count(p => p.TierBand == tier.Code && p.AgeBand == age.Code);
            if (count != 1) problems.Add(("prices", $"must give exactly one price for 所得階層 {tier.Code} × 年齢 {age.Code} (found {count})."));
        }
        for (var i = 0; i < Prices.Count; i++)
        {
            var p = Prices[i];
            if (TierBands.All(b => b.Code != p.TierBand)) problems.Add(($"prices[{i}].tierBand", $"'{p.TierBand}' is not a band code."));
            if (AgeBands.All(b => b.Code != p.AgeBand)) problems.Add(($"prices[{i}].ageBand", $"'{p.AgeBand}' is not a band code."));
            if (p.Monthly < 0) problems.Add(($"prices[{i}].monthly", "must not be negative."));
            if (p.Daily < 0) problems.Add(($"prices[{i}].daily", "must not be negative."));
            if (p.DailyMonthlyCap < 0) problems.Add(($"prices[{i}].dailyMonthlyCap", "must not be negative."));
        }
        foreach (var (name, share) in new[] { ("siblings.secondChildPays", Siblings.SecondChildPays), ("siblings.thirdChildPays", Siblings.ThirdChildPays) })
            if (share.Denominator <= 0 || share.Numerator < 0 || share.Numerator > share.Denominator)
                problems.Add((name, "must be a share between 0 and 1 (numerator/denominator)."));
        return problems;
    }
}
