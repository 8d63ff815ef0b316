using System.Text.Json.Serialization;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>年齢区分 of the 公定価格: taken from the child's クラス年齢 (age on the day before 1 April of the 年度), never from its age in the month.</summary>
public enum AgeBand
{
    /// <summary>乳児 (0歳児クラス)</summary>
    [JsonStringEnumMemberName("infant")] Infant,
    /// <summary>1・2歳児</summary>
    [JsonStringEnumMemberName("age1to2")] Age1To2,
    /// <summary>3歳児 (also 満3歳児 with 1号認定)</summary>
    [JsonStringEnumMemberName("age3")] Age3,
    /// <summary>4歳以上児</summary>
    [JsonStringEnumMemberName("age4plus")] Age4Plus,
}

public static class AgeBands
{
    /// <summary>
    /// The 年齢区分 for a month: by クラス年齢, so a child who turns 3 in June stays 1・2歳児 until March even with a 2号認定.
    /// A 満3歳児 with a 1号認定 (still in the 2歳児クラス) is paid at the 3歳児 unit price (BENEFITS.md §2.1).
    /// </summary>
    public static AgeBand For(DateOnly birthDate, DateOnly month, CertificationCategory category)
    {
        var band = JapaneseDates.ClassAge(birthDate, JapaneseDates.FiscalYearOf(month)) switch
        {
            <= 0 => AgeBand.Infant,
            1 or 2 => AgeBand.Age1To2,
            3 => AgeBand.Age3,
            _ => AgeBand.Age4Plus,
        };
        return category == CertificationCategory.Category1 && band < AgeBand.Age3 ? AgeBand.Age3 : band;
    }

    public static string JapaneseName(this AgeBand band) => band switch
    {
        AgeBand.Infant => "乳児",
        AgeBand.Age1To2 => "1・2歳児",
        AgeBand.Age3 => "3歳児",
        _ => "4歳以上児",
    };
}
