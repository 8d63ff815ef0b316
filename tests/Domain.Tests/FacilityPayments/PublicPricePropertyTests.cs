using KosodateShien.Domain.Certification;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>Properties over many generated months (seeded, so a failure repeats): what must hold whatever the roster.</summary>
public class PublicPricePropertyTests : FacilityPaymentSpec
{
    private static readonly long[] Fees = [0, 29_600, 30_000, 43_900, 44_500, 61_000];

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 40).Select(seed => new object[] { seed });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void a_child_entering_later_never_raises_the_months_amount(int seed)
    {
        var random = new Random(seed);
        var month = new DateOnly(2026, random.Next(4, 13), 1);
        var roster = Roster(random, month);
        var entrant = Child(random.Next(0, 6), random.Next(2) == 0 ? CareLevel.Standard : CareLevel.Short, Fees[random.Next(Fees.Length)]);
        var payment = random.Next(2) == 0 ? PaymentKind.Commission : PaymentKind.Benefit;

        long? earlier = null;
        for (var day = month; day.Month == month.Month; day = day.AddDays(1))
        {
            var amount = PublicPriceEngine.Compute(Month(month, [.. roster, entrant with { From = day }], payment: payment, addons: [AgeThreeStaffing, HeadNurse]), Rules).Amount;
            if (earlier is { } before) amount.ShouldBeLessThanOrEqualTo(before, $"entering on {day:MM-dd}");
            earlier = amount;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void commission_less_benefit_is_the_months_fees(int seed)
    {
        var random = new Random(seed);
        var month = new DateOnly(2026, random.Next(4, 13), 1);
        var input = Month(month, Roster(random, month), addons: [AgeThreeStaffing, HeadNurse], reductions: random.Next(2) == 0 ? [] : [new ReductionRate("分園", 3)]);

        var commission = PublicPriceEngine.Compute(input, Rules);
        var benefit = PublicPriceEngine.Compute(input with { Payment = PaymentKind.Benefit }, Rules);

        (commission.Amount - benefit.Amount).ShouldBe(benefit.Children.Sum(c => c.Fee));
        benefit.FeeTotal.ShouldBe(commission.FeeTotal);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void the_lines_add_up_to_the_amount_and_the_payers_parts_to_the_facility(int seed)
    {
        var random = new Random(seed);
        var month = new DateOnly(2026, random.Next(4, 13), 1);
        var roster = Roster(random, month).Select(c => c with { Payer = random.Next(4) == 0 ? "131148" : "131041" }).ToList();
        var input = Month(month, roster, payment: PaymentKind.Benefit, addons: [AgeThreeStaffing, HeadNurse, new AddonPrice("副食費徴収免除加算", AddonKind.PerExemptChild, Amount: 4_800)]);

        var whole = PublicPriceEngine.Compute(input, Rules);

        whole.Lines.Sum(l => l.Amount).ShouldBe(whole.Amount);
        (PublicPriceEngine.Compute(input, Rules, "131041").Amount + PublicPriceEngine.Compute(input, Rules, "131148").Amount).ShouldBe(whole.Amount);
    }

    private static List<ClaimChild> Roster(Random random, DateOnly month)
    {
        var monthEnd = month.AddMonths(1).AddDays(-1);
        return
        [
            .. Enumerable.Range(0, random.Next(1, 40)).Select(_ =>
            {
                var classAge = random.Next(0, 6);
                var from = random.Next(5) == 0 ? month.AddDays(random.Next(0, monthEnd.Day)) : (DateOnly?)null;
                var to = random.Next(6) == 0 ? month.AddDays(random.Next(from?.Day - 1 ?? 0, monthEnd.Day)) : (DateOnly?)null;
                return Child(classAge, random.Next(3) == 0 ? CareLevel.Short : CareLevel.Standard, classAge < 3 ? Fees[random.Next(Fees.Length)] : 0, from, to,
                    mealFeeExempt: classAge >= 3 && random.Next(4) == 0);
            }),
        ];
    }
}
