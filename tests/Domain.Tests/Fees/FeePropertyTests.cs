using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Fees;
using static KosodateShien.Domain.Tests.Fees.RandomHouseholds;

namespace KosodateShien.Domain.Tests.Fees;

/// <summary>
/// Properties of the fee engine over seeded random households (REFERENCE.md §1 tax year, §4.2–§4.6): fees are bounded by
/// the base fee, 副食費 is all or nothing in a full month, siblings only ever reduce fees, only the tax year in use matters,
/// and the engine is deterministic.
/// </summary>
public class FeePropertyTests
{
    private const int Cases = 3000;

    private static IReadOnlyList<ChildFee> Run(RandomCase c) => FeeEngine.Quote(c.Rules, c.Month, c.Household, c.Children);

    // Contract: one ChildFee per child, in input order
    [Fact]
    public void every_child_gets_one_fee_in_input_order()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            Run(c).Select(f => f.ChildId).ShouldBe(c.Children.Select(ch => ch.Id), $"seed {seed}: {Describe(c)}");
        }
    }

    // §4.4–§4.5: reductions never go below 0 or above the tier amount
    [Fact]
    public void the_fee_is_between_0_and_the_base_fee()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            foreach (var fee in Run(c))
            {
                var why = $"seed {seed}: {Describe(fee)} for {Describe(c)}";
                fee.Fee.ShouldBeGreaterThanOrEqualTo(0, why);
                fee.Fee.ShouldBeLessThanOrEqualTo(fee.BaseFee, why);
                fee.MonthlyFee.ShouldBeInRange(0, fee.BaseFee, why);
                fee.Fee.ShouldBeLessThanOrEqualTo(fee.MonthlyFee, why);
                new[] { fee.SiblingReduction, fee.SingleParentReduction, fee.WaiverReduction }.ShouldAllBe(r => r >= 0, why);
            }
        }
    }

    // Contract (ChildFee): BaseFee − 多子 − ひとり親 − 減免 = MonthlyFee
    [Fact]
    public void the_reductions_add_up_to_the_difference_between_base_and_monthly_fee()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            foreach (var fee in Run(c))
                (fee.BaseFee - fee.SiblingReduction - fee.SingleParentReduction - fee.WaiverReduction)
                    .ShouldBe(fee.MonthlyFee, $"seed {seed}: {Describe(fee)} for {Describe(c)}");
        }
    }

    // §4.2: 国階層 1–8 is always reported, also under a municipal table
    [Fact]
    public void the_national_tier_is_between_1_and_8()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            foreach (var fee in Run(c))
                fee.NationalTier.ShouldBeInRange(1, 8, $"seed {seed}: {Describe(c)}");
        }
    }

    // §4.6: 副食費 is 4,500 or exempt in a full month
    [Fact]
    public void in_a_full_month_the_side_dish_fee_is_0_or_4500()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var fees = Run(c);
            for (var i = 0; i < fees.Count; i++)
                if (!IsPartial(c.Children[i], c.Month))
                    new long[] { 0, 4_500 }.ShouldContain(fees[i].SideDishFee, $"seed {seed}: {Describe(fees[i])} for {Describe(c)}");
        }
    }

    // Contract: children not using care pay nothing; under v2 1号 and 2号 (except 特定満三歳) pay no 利用者負担額 (§4.2)
    [Fact]
    public void children_not_in_care_and_free_education_children_pay_no_fee()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var fees = Run(c);
            for (var i = 0; i < fees.Count; i++)
            {
                var child = c.Children[i];
                var why = $"seed {seed}: {Describe(fees[i])} for {Describe(c)}";
                if (child.Category is null || child.Enrollment is Enrollment.None or Enrollment.School)
                {
                    fees[i].Fee.ShouldBe(0, why);
                    fees[i].SideDishFee.ShouldBe(0, why);
                }
                var freeEducation = child.Category == CertificationCategory.Category1
                    || (child.Category == CertificationCategory.Category2 && JapaneseDates.ClassAge(child.BirthDate, JapaneseDates.FiscalYearOf(c.Month)) >= 3);
                if (freeEducation) fees[i].Fee.ShouldBe(0, why);
                if (child.Category == CertificationCategory.Category3) fees[i].SideDishFee.ShouldBe(0, why);
            }
        }
    }

    // §4.5: 日割 = floor(MonthlyFee × enrolled days ÷ days in month) to 10 yen; a whole month is not prorated
    [Fact]
    public void the_fee_is_the_monthly_fee_prorated_by_the_enrolled_days()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var fees = Run(c);
            var days = DateTime.DaysInMonth(c.Month.Year, c.Month.Month);
            var end = JapaneseDates.EndOfMonth(c.Month);
            for (var i = 0; i < fees.Count; i++)
            {
                var child = c.Children[i];
                var fee = fees[i];
                var why = $"seed {seed}: {Describe(fee)} for {Describe(c)}";
                fee.Basis.DaysInMonth.ShouldBe(days, why);
                if (child.Category is null || child.Enrollment is Enrollment.None or Enrollment.School) continue;
                if (!IsPartial(child, c.Month))
                {
                    fee.Basis.EnrolledDays.ShouldBeNull(why);
                    fee.Fee.ShouldBe(fee.MonthlyFee, why);
                    continue;
                }
                var first = child.EnrolledFrom is { } f && f > c.Month ? f : c.Month;
                var last = child.EnrolledUntil is { } u && u < end ? u : end;
                var enrolled = last.DayNumber - first.DayNumber + 1;
                fee.Basis.EnrolledDays.ShouldBe(enrolled, why);
                fee.Fee.ShouldBe(fee.MonthlyFee * enrolled / days / 10 * 10, why);
            }
        }
    }

    // §4.4: adding a sibling (older or younger) never raises another child's fee or 副食費
    [Fact]
    public void adding_a_sibling_never_raises_an_existing_childs_fee()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var random = new Random(seed + 1_000_000);
            var births = c.Children.Select(ch => ch.BirthDate).ToHashSet();
            var sibling = Child(random, c.Month, "added", births);
            var children = c.Children.ToList();
            children.Insert(random.Next(children.Count + 1), sibling);
            var bigger = c with { Children = children };

            var before = Run(c);
            var after = Run(bigger);
            foreach (var fee in before)
            {
                var now = after.Single(f => f.ChildId == fee.ChildId);
                var why = $"seed {seed}: {Describe(fee)} → {Describe(now)} after adding {sibling.Id} {sibling.BirthDate} {sibling.Category} {sibling.Enrollment} to {Describe(c)}";
                now.Fee.ShouldBeLessThanOrEqualTo(fee.Fee, why);
                now.SideDishFee.ShouldBeLessThanOrEqualTo(fee.SideDishFee, why);
            }
        }
    }

    // §1: April–August use the previous 年度's tax, so the current 年度's does not matter; September–March the reverse
    [Fact]
    public void only_the_tax_year_in_use_changes_the_fees()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var random = new Random(seed + 2_000_000);
            var fiscalYear = JapaneseDates.FiscalYearOf(c.Month);
            var aprilToAugust = c.Month.Month is >= 4 and <= 8;
            var used = aprilToAugust ? fiscalYear - 1 : fiscalYear;
            var unused = aprilToAugust ? fiscalYear : fiscalYear - 1;
            var changed = c with
            {
                Household = c.Household with { TaxYears = [.. c.Household.TaxYears.Select(t => t.FiscalYear == unused ? TaxYear(random, unused) : t)] },
            };

            var before = Run(c);
            var after = Run(changed);
            for (var i = 0; i < before.Count; i++)
            {
                before[i].Basis.TaxFiscalYear.ShouldBe(used, $"seed {seed}: {Describe(c)}");
                Describe(after[i]).ShouldBe(Describe(before[i]), $"seed {seed}: changed {unused} in {Describe(c)}");
            }
        }
    }

    // §1: the tax year in use does matter (the same household, with only the used year's levy raised to the top tier)
    [Fact]
    public void raising_the_levy_of_the_tax_year_in_use_never_lowers_a_fee_and_reaches_the_top_tier()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var used = c.Month.Month is >= 4 and <= 8 ? JapaneseDates.FiscalYearOf(c.Month) - 1 : JapaneseDates.FiscalYearOf(c.Month);
            var richer = c with
            {
                Household = c.Household with { TaxYears = [.. c.Household.TaxYears.Select(t => t.FiscalYear == used ? new HouseholdTaxYear(used, 600_000, false) : t)] },
            };
            var before = Run(c);
            var after = Run(richer);
            for (var i = 0; i < before.Count; i++)
            {
                var why = $"seed {seed}: {Describe(before[i])} → {Describe(after[i])} for {Describe(c)}";
                if (!c.Household.PublicAssistance) after[i].NationalTier.ShouldBe(8, why);
                after[i].Fee.ShouldBeGreaterThanOrEqualTo(before[i].Fee, why);
            }
        }
    }

    // Determinism: same input, same output (every field and step)
    [Fact]
    public void the_same_input_gives_the_same_output()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var first = Run(Generate(seed)).Select(Describe).ToList();
            var second = Run(Generate(seed)).Select(Describe).ToList();
            second.ShouldBe(first, $"seed {seed}");
        }
    }

    // §4.4: 子の順位 is decided by age, not by the order the children are given in
    [Fact]
    public void the_order_of_the_children_in_the_input_does_not_change_their_fees()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var c = Generate(seed);
            var reversed = c with { Children = [.. c.Children.Reverse()] };
            var before = Run(c);
            var after = Run(reversed);
            foreach (var fee in before)
                Describe(after.Single(f => f.ChildId == fee.ChildId)).ShouldBe(Describe(fee), $"seed {seed}: {Describe(c)}");
        }
    }
}
