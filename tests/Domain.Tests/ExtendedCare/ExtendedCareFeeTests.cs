using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Domain.Fees;
using static KosodateShien.Domain.Tests.Fees.FeeFixture;

namespace KosodateShien.Domain.Tests.ExtendedCare;

/// <summary>
/// 延長保育料 worked examples (REFERENCE.md §11) on the shipped sample rules: 1・2歳児クラス 第4・第5階層 (band D) pays 月額 2,000 or
/// 日額 200 up to 2,000; 3〜5歳児クラス band D 月額 1,500 / 日額 150 / 上限 1,500; 第2子 ½, 第3子以降 0; 10円未満切捨て.
/// </summary>
public class ExtendedCareFeeTests : ExtendedCareSpec
{
    private static readonly DateOnly July2027 = new(2027, 7, 1);

    [Fact]
    public void the_sample_rules_give_the_documented_band_d_amounts()
    {
        var infant = Rules.PriceFor("D", "infant")!;
        (infant.Monthly, infant.Daily, infant.DailyMonthlyCap).ShouldBe((2_000L, 200L, (long?)2_000));
        var preschool = Rules.PriceFor("D", "preschool")!;
        (preschool.Monthly, preschool.Daily, preschool.DailyMonthlyCap).ShouldBe((1_500L, 150L, (long?)1_500));
        Rules.TierBandFor(4)!.Code.ShouldBe("D");
        Rules.TierBandFor(5)!.Code.ShouldBe("D");
        Rules.TierBandFor(6)!.Code.ShouldBe("E");
        Rules.Problems().ShouldBeEmpty();
    }

    // 月単位, whole month: 2,000
    [Fact]
    public void a_monthly_contract_pays_the_monthly_amount_for_a_whole_month()
    {
        var quote = Quote(Contracted(ExtendedCareFeeSystem.Monthly), June2027, Tier(4));

        quote.Fee.ShouldBe(2_000);
        quote.Basis.FeeSystem.ShouldBe(ExtendedCareFeeSystem.Monthly);
        quote.Basis.TierBand.ShouldBe("D");
        quote.Basis.AgeBand.ShouldBe("infant");
        quote.Basis.UnitPrice.ShouldBe(2_000);
        (quote.Basis.ProrationNumerator, quote.Basis.ProrationDenominator).ShouldBe((30, 30));
        (quote.Basis.RuleSetId, quote.Basis.RuleVersion).ShouldBe(("extended-care-rules/1", 1));
        quote.Basis.Tier.ShouldBe(Source);
    }

    // 日単位: 8 × 200 = 1,600 (under the cap)
    [Fact]
    public void a_daily_contract_pays_per_use()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 8, 8, new DateOnly(2027, 6, 30)));
        var quote = Quote(contract, June2027, Tier(4));

        quote.Fee.ShouldBe(8 * 200);
        quote.Basis.Uses.ShouldBe(8);
        quote.Basis.UnitPrice.ShouldBe(200);
        quote.Basis.CapApplied.ShouldBeFalse();
    }

    // 日単位: 12 × 200 = 2,400 > 延長保育料上限 2,000 → 2,000
    [Fact]
    public void a_daily_contract_never_pays_more_than_the_monthly_cap()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 12, 12, new DateOnly(2027, 6, 30)));
        var quote = Quote(contract, June2027, Tier(4));

        quote.Basis.Amount.ShouldBe(12 * 200);
        quote.Fee.ShouldBe(2_000);
        quote.Basis.MonthlyCap.ShouldBe(2_000);
        quote.Basis.CapApplied.ShouldBeTrue();
    }

    // 日割: from 2027-07-20, 12 of July's 31 days: 2,000 × 12 / 31 = 774.1… → 770 (10円未満切捨て)
    [Fact]
    public void a_monthly_contract_starting_mid_month_is_prorated_by_calendar_days()
    {
        var quote = Quote(Contracted(ExtendedCareFeeSystem.Monthly, new DateOnly(2027, 7, 20)), July2027, Tier(4));

        quote.Basis.ProrationNumerator.ShouldBe(12);
        quote.Basis.ProrationDenominator.ShouldBe(31);
        quote.Fee.ShouldBe(770);
    }

    // 日割 at the end: 利用終了 on 2027-09-10, 10 of 30 days: 2,000 × 10 / 30 = 666.6… → 660; October is not covered → 0
    [Fact]
    public void ending_mid_month_prorates_that_month_and_zeroes_the_months_after()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Monthly);
        var october = new DateOnly(2027, 10, 1);
        contract = Then(contract, contract.Determine(october, Quote(contract, october, Tier(4)), ExtendedCareFeeReason.MonthlyRun));
        var ended = Then(contract, contract.End(new DateOnly(2027, 9, 10), "退職"));

        var september = Quote(ended, new DateOnly(2027, 9, 1), Tier(4));
        (september.Basis.ProrationNumerator, september.Basis.ProrationDenominator, september.Fee).ShouldBe((10, 30, 660L));

        var afterwards = Quote(ended, october, Tier(4));
        afterwards.Covered.ShouldBeFalse();
        var corrected = ended.Determine(october, afterwards, ExtendedCareFeeReason.Ending)!;
        (corrected.Fee, corrected.Replaces).ShouldBe((0L, 2_000L));
    }

    // 生活保護 → 0 (新宿区), the 階層 read from the month's 利用者負担額 quote
    [Fact]
    public void a_household_on_public_assistance_pays_nothing()
    {
        var tier = TierFromFeeQuote(PublicAssistance(), Infant("a", Age1));
        var quote = Quote(Contracted(ExtendedCareFeeSystem.Monthly), June2027, tier);

        tier.NationalTier.ShouldBe(1);
        quote.Fee.ShouldBe(0);
        quote.Basis.Exemption.ShouldBe(ExtendedCareExemption.PublicAssistance);
    }

    // 区民税非課税 → 0 (新宿区)
    [Fact]
    public void a_non_taxable_household_pays_nothing()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 15, 15, new DateOnly(2027, 6, 30)));
        var quote = Quote(contract, June2027, TierFromFeeQuote(NonTaxable(), Infant("a", Age1)));

        quote.Fee.ShouldBe(0);
        quote.Basis.Exemption.ShouldBe(ExtendedCareExemption.NonTaxable);
        quote.Basis.NationalTier.ShouldBe(2);
    }

    // 所得割 95,000 → 国第4階層 (REFERENCE.md §15 ex. 1) → band D → 2,000
    [Fact]
    public void the_tier_comes_from_the_months_fee_quote()
    {
        var tier = TierFromFeeQuote(Household(95_000), Infant("a", Age1));
        tier.NationalTier.ShouldBe(4);
        tier.Source.FeeRuleSet.ShouldBe("national");
        Quote(Contracted(ExtendedCareFeeSystem.Monthly), June2027, tier).Fee.ShouldBe(2_000);
    }

    // 多子: the 1歳 child is 第2子 beside a 5歳児 (REFERENCE.md §15 ex. 7) → ½ of 2,000 = 1,000
    [Fact]
    public void a_second_child_pays_half()
    {
        var tier = TierFromFeeQuote(Household(150_000), Preschooler("five", Class5), Infant("a", Age1));
        tier.SiblingOrdinal.ShouldBe(2);
        var quote = Quote(Contracted(ExtendedCareFeeSystem.Monthly), June2027, tier);

        quote.Fee.ShouldBe(1_000);
        quote.Basis.SiblingReduction.ShouldBe(1_000);
    }

    [Fact]
    public void a_third_child_pays_nothing() =>
        Quote(Contracted(ExtendedCareFeeSystem.Monthly), June2027, Tier(4, siblingOrdinal: 3)).Fee.ShouldBe(0);

    // 3〜5歳児クラス, 日単位, 第2子: 7 × 150 = 1,050 → ½ = 525 → 520 (10円未満切捨て)
    [Fact]
    public void a_second_childs_daily_fee_is_halved_then_rounded_down_to_10_yen()
    {
        var applied = Applied(ExtendedCareFeeSystem.Daily, classAge: 4, placement: PlacementFrom(April2027, classAge: 4));
        var given = Given(applied);
        var approved = given.Approve(DecidedOn, Placed);
        var contract = Given(applied, approved, Then(given, approved).Contract(DecidedOn),
            new ExtendedCareUsageRecorded(ContractId, June2027, 7, 7, new DateOnly(2027, 6, 30)));

        var quote = Quote(contract, June2027, Tier(5, siblingOrdinal: 2));

        quote.Basis.AgeBand.ShouldBe("preschool");
        quote.Basis.Amount.ShouldBe(7 * 150);
        quote.Fee.ShouldBe(520);
    }

    [Fact]
    public void re_determining_an_unchanged_month_appends_nothing_and_a_change_names_what_it_replaces()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 8, 8, new DateOnly(2027, 6, 30)));
        var first = contract.Determine(June2027, Quote(contract, June2027, Tier(4)), ExtendedCareFeeReason.Usage)!;
        first.Replaces.ShouldBeNull();
        first.Fee.ShouldBe(1_600);
        contract = Then(contract, first);

        contract.Determine(June2027, Quote(contract, June2027, Tier(4)), ExtendedCareFeeReason.MonthlyRun).ShouldBeNull();

        contract = Then(contract, contract.RecordUsage(June2027, 12, null, new DateOnly(2027, 7, 2), "記録漏れ"));
        var correction = contract.Determine(June2027, Quote(contract, June2027, Tier(4)), ExtendedCareFeeReason.UsageCorrection)!;
        (correction.Fee, correction.Replaces, correction.Reason).ShouldBe((2_000L, 1_600L, ExtendedCareFeeReason.UsageCorrection));
        Then(contract, correction).FeeFor(June2027).ShouldBe(new ExtendedCareMonthlyFee(June2027, 2_000, ExtendedCareFeeReason.UsageCorrection, 2));
    }

    [Fact]
    public void a_daily_month_without_usage_or_a_month_without_a_tier_cannot_be_computed()
    {
        ShouldBreakRule(() => Quote(Contracted(ExtendedCareFeeSystem.Daily), June2027, Tier(4)), "extended-care.no-usage");
        var contract = Contracted(ExtendedCareFeeSystem.Monthly);
        ShouldBreakRule(() => ExtendedCareFees.Quote(Rules, new ExtendedCareFeeInput(June2027, contract.FeeSystem, 1, contract.StartsOn!.Value, contract.EndsOn!.Value, null, null)),
            "extended-care.no-tier");
    }

    // The amounts are data: a version published with 月額 3,000 for band D infants applies from its 適用開始日.
    [Fact]
    public void a_later_rule_version_changes_the_fee_from_its_effective_date()
    {
        var v2 = Rules with
        {
            Id = ExtendedCareRuleSet.DocumentId(2), Version = 2, EffectiveFrom = new DateOnly(2027, 7, 1),
            Prices = [.. Rules.Prices.Select(p => p.TierBand == "D" && p.AgeBand == "infant" ? p with { Monthly = 3_000 } : p)],
        };
        var contract = Contracted(ExtendedCareFeeSystem.Monthly);
        Quote(contract, June2027, Tier(4), ExtendedCareRuleSet.InForceOn([Rules, v2], June2027)).Fee.ShouldBe(2_000);
        var july = Quote(contract, July2027, Tier(4), ExtendedCareRuleSet.InForceOn([Rules, v2], July2027));
        july.Fee.ShouldBe(3_000);
        july.Basis.RuleVersion.ShouldBe(2);
    }

    [Fact]
    public void a_rule_draft_with_a_gap_or_a_missing_price_names_the_problem()
    {
        var draft = Rules with { TierBands = [.. Rules.TierBands.Where(b => b.Code != "C")], Prices = [.. Rules.Prices.Where(p => p.TierBand != "E")] };
        var problems = draft.Problems();
        problems.ShouldContain(p => p.Field == "tierBands" && p.Message.Contains("国階層 3"));
        problems.ShouldContain(p => p.Field == "prices" && p.Message.Contains("所得階層 E × 年齢 infant"));
        problems.ShouldContain(p => p.Field.StartsWith("prices[") && p.Field.EndsWith("].tierBand"));
    }

    private static HouseholdTier TierFromFeeQuote(FeeHousehold household, params FeeChild[] children)
    {
        var fees = FeeEngine.Quote(FeeRuleSets.NationalFreeEducation, June2027, household, children);
        return HouseholdTier.From(fees.Single(f => f.ChildId == "a"), PlacementId, June2027, 3);
    }
}
