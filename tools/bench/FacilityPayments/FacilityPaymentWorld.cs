using KosodateShien.Bench.Fees;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Bench.FacilityPayments;

/// <summary>
/// What the 給付費 needs of the fee bench's ward (<see cref="StoredFeeWorld"/>) besides its placements, certifications and
/// persons, decided with the domain's own methods: per facility the 事業者管理 (私立保育所 from the 年度 before the month's, 地域区分
/// 20/100 for each 年度 a run reads, 利用定員 by 認定区分 from its seats, 確認 under 法31条, a 事業所口座 in 全銀 characters) and a
/// 加算認定 per 年度 (加算率 a 12 b 7 from April, final; about half with 主任保育士専任加算, a third with 3歳児配置改善加算).
/// Deterministic for a seed.
/// </summary>
public static class FacilityPaymentWorld
{
    private static readonly string[] Banks = ["0001", "0005", "0009", "0010", "0017", "0033", "0036", "0310", "1345", "9900"];

    /// <summary>The 年度 a run of the month reads, and of the warm-up month before it.</summary>
    public static IReadOnlyList<int> FiscalYears(DateOnly month) =>
        [.. new[] { JapaneseDates.FiscalYearOf(month.AddMonths(-1)), JapaneseDates.FiscalYearOf(month) }.Distinct()];

    /// <summary>Adds the facilities' 事業者管理 events to their streams and a 加算認定 stream per facility and 年度.</summary>
    public static void AddTo(StoredFeeWorld world, int seed, PublicPriceTable table)
    {
        var random = new Random(seed ^ 0x5EED_F00D);
        var years = FiscalYears(world.Month);
        var from = new DateOnly(years[0] - 1, 4, 1);
        var number = 0;
        var decisions = new List<Func<Facility, object>>
        {
            f => f.AssignCategory(FacilityCategory.PrivateNursery, from),
            f => f.ChangeUsageCapacity(new UsageCapacity(0, f.Capacity[3] + f.Capacity[4] + f.Capacity[5], f.Capacity[0] + f.Capacity[1] + f.Capacity[2]), from),
            f => f.Confirm(f.OpensOn > from ? f.OpensOn : from, ConfirmationBasis.Article31),
            f => f.RegisterBankAccount(BankAccount.Of(Banks[random.Next(Banks.Length)], $"{random.Next(1, 1000):D3}", AccountType.Ordinary,
                $"{random.Next(1, 10_000_000)}", $"フク)ベンチホイクエン{++number}"), from, null, null),
        };
        decisions.AddRange(years.Select(year => (Func<Facility, object>)(f => f.AssignRegionCategory(year, RegionCategory.Percent20))));
        world.DecideForFacilities([.. decisions]);

        foreach (var facility in world.Facilities)
            foreach (var year in years)
            {
                var april = new DateOnly(year, 4, 1);
                var opened = AddonCertification.Open(facility.Id, year);
                var addons = AddonCertification.Evolve(null, opened)!;
                var events = new List<object> { opened };
                void Decide(object e)
                {
                    events.Add(e);
                    addons = AddonCertification.Evolve(addons, e)!;
                }
                Decide(addons.CertifyRates(12, 7, 0, 0, april, provisional: false, certifiedOn: april.AddDays(-45)));
                if (random.NextDouble() < 0.5) Decide(addons.Certify(table, "head-nurse", april, null, april.AddDays(-30), null, null));
                if (random.NextDouble() < 0.33) Decide(addons.Certify(table, "age3-staffing", april, null, april.AddDays(-30), null, null));
                world.AddStream(typeof(AddonCertification), opened.CertificationId, events);
            }
    }
}
