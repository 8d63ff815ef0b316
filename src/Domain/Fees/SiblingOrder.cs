using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Fees;

/// <summary>
/// 多子軽減の子の順位: the children counted, eldest first. For 保育認定 (2号/3号) children before 小学校就学 who use a
/// facility count; for 1号 also school children up to the rule's grade (小3); under the 年収360万円 line every child counts.
/// </summary>
internal sealed class SiblingOrder
{
    private readonly FeeChild[] counted;
    private readonly string[] ids;

    private SiblingOrder(FeeChild[] counted)
    {
        this.counted = counted;
        ids = new string[counted.Length];
        for (var i = 0; i < ids.Length; i++) ids[i] = counted[i].Id;
    }

    public IReadOnlyList<string> Ids => ids;

    /// <summary>
    /// 子の順位 of a child: its place among the counted children, eldest first; null when it is not counted. A charged child
    /// that is not counted (it enters after the month's first day) still takes its own place: only its siblings are judged on the 1st.
    /// </summary>
    public int? OrdinalOf(FeeChild child, bool charged)
    {
        var older = 0;
        foreach (var other in counted)
        {
            if (other.Id == child.Id) return older + 1;
            if (Compare(other, child) < 0) older++;
        }
        return charged ? older + 1 : null;
    }

    public static SiblingOrder Counted(FeeRuleSet rules, DateOnly month, HouseholdFacts facts, IReadOnlyList<FeeChild> children, bool education)
    {
        var noAgeLimit = facts.Below(education ? rules.Siblings.NoAgeLimitLevyBelowForEducation : rules.Siblings.NoAgeLimitLevyBelowForCare);
        var counted = new List<FeeChild>(children.Count);
        foreach (var child in children)
            if (noAgeLimit || Counts(child, month, education, rules.Siblings.EducationCountsUpToGrade)) counted.Add(child);
        counted.Sort(Compare);
        return new SiblingOrder([.. counted]);
    }

    private static int Compare(FeeChild a, FeeChild b) => a.BirthDate != b.BirthDate ? a.BirthDate.CompareTo(b.BirthDate) : string.CompareOrdinal(a.Id, b.Id);

    /// <summary>各月初日: a child counts as using a facility if it is enrolled on the month's first day.</summary>
    private static bool UsesFacilityOn(FeeChild child, DateOnly day) =>
        child.Enrollment is Enrollment.Nursery or Enrollment.Kindergarten
        && (child.EnrolledFrom is null || child.EnrolledFrom <= day)
        && (child.EnrolledUntil is null || child.EnrolledUntil >= day);

    private static bool Counts(FeeChild child, DateOnly month, bool education, int upToGrade)
    {
        var entry = JapaneseDates.SchoolEntryDate(child.BirthDate);
        if (entry > month) return UsesFacilityOn(child, month);
        if (!education) return false;
        var grade = JapaneseDates.FiscalYearOf(month) - JapaneseDates.FiscalYearOf(entry) + 1;
        return grade <= upToGrade;
    }
}
