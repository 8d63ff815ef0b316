using System.Collections;
using KosodateShien.Domain.Certification;

namespace KosodateShien.Domain.Fees;

/// <summary>
/// The calculation in words, in order. Recorded as facts while the fee is computed and rendered as text only when read
/// (stored with a determination, shown in a quote), so computing a month's fees for a city stays cheap.
/// </summary>
public sealed class FeeSteps : IReadOnlyList<string>
{
    private readonly List<Func<string>> steps = new(6);
    private string[]? rendered;

    internal FeeSteps(FeeRuleSet rules, HouseholdFacts facts)
    {
        var year = facts.TaxFiscalYear;
        var levy = facts.IncomeLevy;
        var tier = facts.NationalTier;
        steps.Add(() => $"基準: {rules.Name} v{rules.Version}; 税情報 {year}年度 " +
            (facts.PublicAssistance ? "生活保護" : facts.NonTaxable ? "非課税" : levy is { } l ? $"所得割額 {l:N0}円" : "課税情報なし (最上位階層)") + $" → 国第{tier}階層");
    }

    public int Count => Render().Length;
    public string this[int index] => Render()[index];
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Render()).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void NotCharged() => steps.Add(() => "この月に利用がないため負担額なし");

    internal void Base(FeeTier? tier, CertificationCategory table, bool specificThree, long amount) =>
        steps.Add(() => $"{tier?.Name ?? "階層なし"}: {(specificThree ? "特定満3歳 (3号の額)" : $"{(int)table}号")} 基本額 {amount:N0}円");

    internal void Sibling(int ordinal, long reduction) => steps.Add(() => $"多子軽減 第{ordinal}子: −{reduction:N0}円");

    internal void SingleParent(long reduction) => steps.Add(() => $"ひとり親・在宅障害の軽減: −{reduction:N0}円");

    internal void Waiver(FeeWaiver waiver, long reduction) => steps.Add(() => $"減免 ({waiver.Kind} {waiver.Numerator}/{waiver.Denominator}): −{reduction:N0}円");

    internal void Prorated(int days, int daysInMonth, long due) => steps.Add(() => $"日割 {days}/{daysInMonth}日: {due:N0}円");

    internal void SideDish(long amount, bool exempt) => steps.Add(() => exempt ? "副食費: 免除" : amount > 0 ? $"副食費 {amount:N0}円" : "副食費: 保育料に含む");

    private string[] Render() => rendered ??= [.. steps.Select(s => s())];
}
