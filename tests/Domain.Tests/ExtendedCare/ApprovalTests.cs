using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Domain.Tests.ExtendedCare;

/// <summary>申込・承諾・不承諾・契約 per 年度 (REFERENCE.md §11: 新宿区 approves per 年度, until 3/31, from 1歳児クラス).</summary>
public class ApprovalTests : ExtendedCareSpec
{
    [Fact]
    public void an_approval_without_an_end_runs_to_march_31_of_the_fiscal_year()
    {
        var applied = Given(Applied());
        var approved = applied.Approve(DecidedOn, Placed);

        approved.From.ShouldBe(June2027);
        approved.Until.ShouldBe(FiscalYearEnd);
        var state = Then(applied, approved);
        state.Status.ShouldBe(ExtendedCareStatus.Approved);
        state.ApprovedUntil.ShouldBe(new DateOnly(2028, 3, 31));
        state.FacilityId.ShouldBe(FacilityId);
    }

    [Fact]
    public void an_approval_is_clipped_to_the_placements_last_day()
    {
        var placement = PlacementFrom(April2027, lastDay: new DateOnly(2027, 12, 15));
        var approved = Given(Applied(placement: placement)).Approve(DecidedOn, placement);
        approved.Until.ShouldBe(new DateOnly(2027, 12, 15));
    }

    [Fact]
    public void an_approval_keeps_a_shorter_period_asked_for()
    {
        var approved = Given(Applied(until: new DateOnly(2027, 9, 30))).Approve(DecidedOn, Placed);
        approved.Until.ShouldBe(new DateOnly(2027, 9, 30));
    }

    [Fact]
    public void an_approval_past_march_31_is_refused() =>
        ShouldBreakRule(() => Given(Applied()).Approve(DecidedOn, Placed, until: new DateOnly(2028, 4, 30)), "extended-care.beyond-fiscal-year").Field.ShouldBe("until");

    [Fact]
    public void an_approval_past_the_placement_is_refused()
    {
        var placement = PlacementFrom(April2027, lastDay: new DateOnly(2027, 12, 15));
        ShouldBreakRule(() => Given(Applied(placement: placement)).Approve(DecidedOn, placement, until: new DateOnly(2028, 1, 31)), "extended-care.beyond-placement");
    }

    [Fact]
    public void an_application_past_march_31_is_refused() =>
        ShouldBreakRule(() => Applied(until: new DateOnly(2028, 4, 1)), "extended-care.beyond-fiscal-year").Field.ShouldBe("requestedUntil");

    [Fact]
    public void the_fiscal_year_is_the_one_the_requested_start_falls_in()
    {
        Applied(from: new DateOnly(2028, 2, 1)).FiscalYear.ShouldBe(2027);
        Applied(from: new DateOnly(2028, 4, 1)).FiscalYear.ShouldBe(2028);
    }

    // The shipped rules have no 年齢 band for 0歳児クラス (新宿区: from 1歳児クラス).
    [Fact]
    public void a_0_year_class_child_cannot_apply() =>
        ShouldBreakRule(() => Applied(classAge: 0), "extended-care.age-not-eligible");

    [Fact]
    public void a_1go_placement_cannot_apply() =>
        ShouldBreakRule(() => Applied(placement: PlacementFrom(April2027, kind: ServiceKind.Education)), "extended-care.not-nursery-care");

    [Fact]
    public void a_start_the_placement_does_not_cover_is_refused() =>
        ShouldBreakRule(() => Applied(from: new DateOnly(2027, 3, 1)), "extended-care.outside-placement");

    [Fact]
    public void a_rejection_needs_a_reason_and_closes_the_application()
    {
        var applied = Given(Applied());
        ShouldBreakRule(() => applied.Reject(DecidedOn, " "), "reason-required");
        var state = Then(applied, applied.Reject(DecidedOn, "就労時間が延長保育の要件に満たない"));
        state.Status.ShouldBe(ExtendedCareStatus.Rejected);
        ShouldBreakRule(() => state.Approve(DecidedOn, Placed), "extended-care.not-applied");
    }

    [Fact]
    public void a_contract_lies_within_the_approval_and_takes_its_fee_system()
    {
        var applied = Given(Applied(ExtendedCareFeeSystem.Daily));
        var approved = Then(applied, applied.Approve(DecidedOn, Placed, until: new DateOnly(2027, 12, 31)));
        ShouldBreakRule(() => approved.Contract(DecidedOn, endsOn: new DateOnly(2028, 1, 31)), "extended-care.outside-approval");
        ShouldBreakRule(() => approved.Contract(DecidedOn.AddDays(-1)), "extended-care.contract-before-approval");

        var contracted = approved.Contract(DecidedOn);
        contracted.ShouldBe(new ExtendedCareContracted(ContractId, DecidedOn, June2027, new DateOnly(2027, 12, 31), ExtendedCareFeeSystem.Daily, "18:15〜19:15"));
        Then(approved, contracted).Status.ShouldBe(ExtendedCareStatus.Contracted);
    }

    [Fact]
    public void cancelling_is_for_before_any_use_and_ending_after()
    {
        var contracted = Contracted(ExtendedCareFeeSystem.Daily);
        Then(contracted, contracted.Cancel(new DateOnly(2027, 5, 30), "辞退")).Status.ShouldBe(ExtendedCareStatus.Cancelled);

        var used = Then(contracted, contracted.RecordUsage(June2027, 5, null, new DateOnly(2027, 6, 30), null));
        ShouldBreakRule(() => used.Cancel(new DateOnly(2027, 7, 1), "辞退"), "extended-care.cancel-after-use");
        var ended = Then(used, used.End(new DateOnly(2027, 7, 15), "退職"));
        ended.Status.ShouldBe(ExtendedCareStatus.Ended);
        ended.EndsOn.ShouldBe(new DateOnly(2027, 7, 15));
        ShouldBreakRule(() => used.End(new DateOnly(2027, 5, 31), "x"), "extended-care.end-before-start");
    }
}
