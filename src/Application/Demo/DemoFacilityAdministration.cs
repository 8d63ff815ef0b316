using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Application.Demo;

/// <summary>
/// 事業者管理 and 加算認定 of the demo facilities, so the month's 給付費 can be computed: a 施設類型 by kind (a 保育所 named 区立 is a
/// 公立保育所, the others 私立; こども園 幼保連携型; 小規模 A型), 地域区分 20/100 (特別区) for the 年度 before, this one and the next, 利用定員
/// by 認定区分 from the seats by クラス年齢, 確認 from the opening day, a made-up 事業所口座, and per 年度 the 処遇改善 加算率 (a 4–12,
/// b 7) and the sample catalogue's 主任保育士専任加算 (保育所・こども園) and 3歳児配置改善加算 (every other one). Everything is
/// derived from the facility's position in the list, not drawn from the demo's random sequence, so every other generator
/// stays the same for a seed.
/// </summary>
internal static class DemoFacilityAdministration
{
    public static void Administer(IReadOnlyList<DemoFacility> facilities, DateOnly today)
    {
        var fiscalYear = JapaneseDates.FiscalYearOf(today);
        for (var i = 0; i < facilities.Count; i++)
        {
            var stream = facilities[i].Stream;
            var facility = stream.State;
            var opens = facility.OpensOn;
            stream.Append(facility.AssignCategory(CategoryOf(facility), opens));
            foreach (var year in new[] { fiscalYear - 1, fiscalYear, fiscalYear + 1 }) stream.Append(stream.State.AssignRegionCategory(year, RegionCategory.Percent20));
            var seats = facility.Capacity;
            stream.Append(stream.State.ChangeUsageCapacity(new UsageCapacity(0, seats.Age3 + seats.Age4 + seats.Age5, seats.Age0 + seats.Age1 + seats.Age2), opens));
            stream.Append(stream.State.Confirm(opens, facility.Kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare or FacilityKind.WorkplaceNursery
                ? ConfirmationBasis.Article43 : ConfirmationBasis.Article31));
            stream.Append(stream.State.RegisterBankAccount(Account(i), opens, null, null));
        }
    }

    /// <summary>The 加算認定 streams of the 年度 of <paramref name="month"/> for the facilities that are paid.</summary>
    public static void CertifyAddons(IReadOnlyList<DemoFacility> facilities, DateOnly month, List<DemoStream> streams)
    {
        var fiscalYear = JapaneseDates.FiscalYearOf(month);
        var april = new DateOnly(fiscalYear, 4, 1);
        var table = PublicPriceTables.Sample;
        for (var i = 0; i < facilities.Count; i++)
        {
            var facility = facilities[i].State;
            if (facility.CategoryOn(month)?.Payment() is null) continue;
            var year = new DemoStreamBuilder<AddonCertification>(AddonCertification.StreamId(facility.Id, fiscalYear), AddonCertification.Evolve);
            year.Append(AddonCertification.Open(facility.Id, fiscalYear));
            year.Append(year.State.CertifyRates(4 + i % 5 * 2, 7, 0, 0, april, provisional: false, april.AddDays(-14)));
            if (facility.Kind is FacilityKind.NurserySchool or FacilityKind.CertifiedChildCenter)
            {
                year.Append(year.State.Certify(table, "head-nurse", april, null, april.AddDays(-14), null, null));
                if (i % 2 == 0) year.Append(year.State.Certify(table, "age3-staffing", april, null, april.AddDays(-14), null, null));
            }
            streams.Add(year.ToStream());
        }
    }

    private static FacilityCategory CategoryOf(Facility facility) => facility.Kind switch
    {
        FacilityKind.NurserySchool => facility.Name.StartsWith("区立", StringComparison.Ordinal) ? FacilityCategory.PublicNursery : FacilityCategory.PrivateNursery,
        FacilityKind.CertifiedChildCenter => FacilityCategory.IntegratedCenter,
        FacilityKind.SmallScale => FacilityCategory.SmallScaleA,
        FacilityKind.FamilyDayCare => FacilityCategory.FamilyDayCare,
        _ => FacilityCategory.WorkplaceNursery,
    };

    /// <summary>A made-up account at デモ銀行 (9999), branch and number from the position: never a real one.</summary>
    private static BankAccount Account(int index) =>
        BankAccount.Of("9999", $"{100 + index % 50:D3}", AccountType.Ordinary, $"{1_000_000 + index * 7_919 % 9_000_000:D7}", $"ﾌｸ)ﾃﾞﾓﾎｲｸｶｲ{index + 1}", "ﾃﾞﾓｷﾞﾝｺｳ",
            $"ｼﾃﾝ{100 + index % 50}");
}
