namespace KosodateShien.Domain.Tests.Contracts;

using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Fees;
using KosodateShien.Domain.Tests.Certification;

/// <summary>
/// 契約: fee determinations, 転園 and 認定変更 on a placement. The toddler (born 2024-05-10) is 3号 短時間 from 2027-04-01 and
/// becomes 2号 on 2027-05-09; placed at facility A from 1 April 2027.
/// </summary>
public class PlacementTests : CertificationSpec
{
    private static readonly Guid PlacementId = Guid.Parse("e0000000-0000-0000-0000-000000000001");
    private static readonly Guid FacilityA = Guid.Parse("e0000000-0000-0000-0000-000000000002");
    private static readonly Guid FacilityB = Guid.Parse("e0000000-0000-0000-0000-000000000003");
    private static readonly DateOnly May = new(2027, 5, 1);

    private static Placement Placed(params object[] later) =>
        new object[]
        {
            new PlacementStarted(PlacementId, "K2027000001", ChildId, HouseholdId, CertificationId, FacilityA, null, PlacementSource.Direct, ServiceKind.NurseryCare,
                new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 15), April2027, 2),
        }.Concat(later).Aggregate((Placement?)null, Placement.Evolve)!;

    private static ChildFee Quote(FeeHousehold household) =>
        FeeEngine.Quote(FeeRuleSets.NationalFreeEducation, May, household,
            [new FeeChild("child", ToddlerBirth, CertificationCategory.Category3, CareLevel.Short, Enrollment.Nursery)]).Single();

    private static FeeHousehold Taxed(long levy) => new(false, false, false, [new HouseholdTaxYear(2026, levy, false)]);

    [Fact]
    public void when_the_fee_and_its_tier_are_unchanged_nothing_is_determined_again()
    {
        var first = Placed().Determine(May, Quote(Taxed(95_000)), FeeChangeReason.Monthly, May)!;

        Placed(first).Determine(May, Quote(Taxed(95_000)), FeeChangeReason.Monthly, May).ShouldBeNull();
    }

    [Fact]
    public void when_only_the_tier_changes_at_the_same_amount_it_is_a_correction_naming_that_amount()
    {
        // 生活保護 (第1階層) and 非課税 (第2階層) both pay 0 for 3号 since 無償化, but 延長保育 and reports read the tier.
        var assisted = Placed().Determine(May, Quote(new FeeHousehold(true, false, false, [])), FeeChangeReason.Monthly, May)!;
        assisted.Quote.NationalTier.ShouldBe(1);

        var corrected = Placed(assisted).Determine(May, Quote(new FeeHousehold(false, false, false, [new HouseholdTaxYear(2026, 0, true)])), FeeChangeReason.TaxCorrection, May)!;

        corrected.Fee.ShouldBe(0);
        corrected.Replaces.ShouldBe(0);
        corrected.Quote.NationalTier.ShouldBe(2);
    }

    [Fact]
    public void a_determination_holds_for_the_months_after_it_until_the_next_but_not_past_the_placements_end()
    {
        var april = Placed().Determine(April2027, Quote(Taxed(95_000)), FeeChangeReason.Start, April2027)!;
        var september = Placed(april).Determine(new DateOnly(2027, 9, 1), Quote(Taxed(150_000)), FeeChangeReason.SeptemberSwitch, new DateOnly(2027, 9, 1))!;
        var placement = Placed(september, april);   // kept in month order whatever order they came in

        placement.FeeFor(new DateOnly(2027, 3, 1)).ShouldBeNull();
        placement.FeeFor(new DateOnly(2027, 8, 1))!.Month.ShouldBe(April2027);
        placement.FeeFor(new DateOnly(2028, 2, 1))!.Month.ShouldBe(new DateOnly(2027, 9, 1));
        placement.DeterminedFor(new DateOnly(2027, 8, 1)).ShouldBeNull();

        var left = Placed(april, new ChildLeftFacility(PlacementId, new DateOnly(2027, 6, 30), "転出"));
        left.FeeFor(new DateOnly(2027, 6, 1))!.Fee.ShouldBe(april.Fee);
        left.FeeFor(new DateOnly(2027, 7, 1)).ShouldBeNull();
    }

    [Fact]
    public void a_month_whose_fee_is_the_one_in_force_gets_nothing_and_a_change_is_a_correction_only_when_it_corrects()
    {
        var april = Placed().Determine(April2027, Quote(Taxed(95_000)), FeeChangeReason.Start, April2027)!;
        var june = new DateOnly(2027, 6, 1);

        Placed(april).Determine(june, Quote(Taxed(95_000)), FeeChangeReason.Monthly, june).ShouldBeNull();
        // The routine run finding a new fee decides the month afresh; a 税更正 of a month already charged corrects it.
        var routine = Placed(april).Determine(june, Quote(Taxed(150_000)), FeeChangeReason.Monthly, june)!;
        routine.Replaces.ShouldBeNull();
        var corrected = Placed(april).Determine(june, Quote(Taxed(150_000)), FeeChangeReason.TaxCorrection, june)!;
        corrected.Replaces.ShouldBe(april.Fee);
        corrected.Fee.ShouldNotBe(april.Fee);
    }

    [Fact]
    public void a_transfer_ends_the_placement_the_day_before_the_first_of_the_month_it_starts_elsewhere()
    {
        var moved = Placed().TransferOut(new DateOnly(2027, 6, 1), Guid.NewGuid(), FacilityB);

        moved.LastDay.ShouldBe(new DateOnly(2027, 5, 31));
        var state = Placed(moved);
        state.EndsOn.ShouldBe(new DateOnly(2027, 5, 31));
        state.TransferredTo.ShouldBe(moved.ToPlacementId);
        Should.Throw<DomainRuleException>(() => state.TransferOut(new DateOnly(2027, 7, 1), Guid.NewGuid(), FacilityB)).Rule.ShouldBe("placement.ended");
    }

    [Theory]
    [InlineData(2027, 6, 15, "placement.transfer-on-first-of-month")]
    [InlineData(2027, 4, 1, "placement.transfer-before-start")]
    public void a_transfer_mid_month_or_not_after_the_start_is_refused(int year, int month, int day, string rule) =>
        Should.Throw<DomainRuleException>(() => Placed().TransferOut(new DateOnly(year, month, day), Guid.NewGuid(), FacilityB)).Rule.ShouldBe(rule);

    [Fact]
    public void a_transfer_to_the_same_facility_is_refused() =>
        Should.Throw<DomainRuleException>(() => Placed().TransferOut(new DateOnly(2027, 6, 1), Guid.NewGuid(), FacilityA)).Rule.ShouldBe("placement.transfer-same-facility");

    [Fact]
    public void at_age_three_the_placement_records_the_new_period_and_rests_on_it_from_that_day()
    {
        var given = GivenCertified();
        var certification = Then(given, [.. given.ChangeAtAgeThree(new DateOnly(2027, 5, 9))]);

        var changed = Placed().ChangeCertification(certification, new DateOnly(2027, 5, 9), "満3歳到達")!;

        changed.Category.ShouldBe(CertificationCategory.Category2);
        changed.HistoryNumber.ShouldBe(2);
        changed.ServiceKind.ShouldBe(ServiceKind.NurseryCare);
        var state = Placed(changed);
        state.Certifications!.Select(c => c.From).ShouldBe([April2027, new DateOnly(2027, 5, 9)]);
        state.ChangeCertification(certification, new DateOnly(2027, 5, 9), "満3歳到達").ShouldBeNull();
    }

    [Fact]
    public void a_certification_change_outside_the_placement_or_for_another_child_is_refused()
    {
        var certification = GivenCertified();
        Should.Throw<DomainRuleException>(() => Placed().ChangeCertification(certification, new DateOnly(2027, 3, 1), "認定変更")).Rule.ShouldBe("placement.change-outside-placement");
        Should.Throw<DomainRuleException>(() => Placed().ChangeCertification(certification with { ChildId = Guid.NewGuid() }, May, "認定変更"))
            .Rule.ShouldBe("placement.certification-other-child");
    }
}
