using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>A facility's monthly claim: 概算 → 確定, four-eyes approval, 差戻し, the facility's own 請求, and 支払調整 after a retroactive change (E8).</summary>
public class FacilityClaimTests : FacilityPaymentSpec
{
    private static readonly Guid FacilityId = Guid.NewGuid();
    private static readonly DateOnly April = new(2026, 4, 1);
    private const string Ward = "131041";

    private static readonly ClaimPricing Pricing = new(FacilityCategory.PrivateNursery, RegionCategory.Percent20, 90, 0, Rates, false, [], 1, 1, null);

    private static FacilityClaim Fold(params object[] events) => events.Aggregate((FacilityClaim?)null, FacilityClaim.Evolve)!;

    [Fact]
    public void e8_the_provisional_claim_is_approved_and_the_confirmed_one_carries_the_difference_as_an_adjustment()
    {
        var entrant = Child(1, from: new DateOnly(2026, 4, 16));
        var input = Month(April, [.. E1Roster(), entrant]);

        var provisional = FacilityClaim.Compute(null, FacilityId, April, Ward, ClaimStage.Provisional, Pricing, PublicPriceEngine.Provisional(input, Rules), April, "概算", "clerk-a")!;
        var approvedProvisional = Fold(provisional).Approve("supervisor-b", April);
        var claim = Fold(provisional, approvedProvisional);
        var confirmed = FacilityClaim.Compute(claim, FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, PublicPriceEngine.Compute(input, Rules), new DateOnly(2026, 5, 5),
            "確定", "clerk-a")!;
        var approvedConfirmed = Fold(provisional, approvedProvisional, confirmed).Approve("supervisor-b", new DateOnly(2026, 5, 8));

        (approvedProvisional.Amount, approvedProvisional.Adjustment).ShouldBe((5_612_880, 0));
        confirmed.Revision.ShouldBe(2);
        (approvedConfirmed.Amount, approvedConfirmed.Adjustment).ShouldBe((5_688_384, 75_504));
        Fold(provisional, approvedProvisional, confirmed, approvedConfirmed).ApprovedAmount.ShouldBe(5_688_384);
    }

    [Fact]
    public void the_preparer_cannot_approve_and_only_a_computed_revision_is_approved_or_sent_back()
    {
        var computed = FacilityClaim.Compute(null, FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, PublicPriceEngine.Compute(Month(April, E1Roster()), Rules), April, "月次",
            "clerk-a")!;
        var claim = Fold(computed);

        ShouldBreakRule(() => claim.Approve("clerk-a", April), "claim.four-eyes");
        var returned = claim.Return("児童数の確認", April, "supervisor-b");
        ShouldBreakRule(() => Fold(computed, returned).Approve("supervisor-b", April), "claim.not-computed");
        ShouldBreakRule(() => Fold(computed, returned).Return("again", April, "supervisor-b"), "claim.not-computed");
    }

    [Fact]
    public void a_recomputation_that_changes_nothing_is_not_recorded_but_one_after_a_return_is()
    {
        var amount = PublicPriceEngine.Compute(Month(April, E1Roster()), Rules);
        var computed = FacilityClaim.Compute(null, FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, amount, April, "月次", "clerk-a")!;

        FacilityClaim.Compute(Fold(computed), FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, amount, April, "再算定", "clerk-a").ShouldBeNull();
        var returned = Fold(computed).Return("確認", April, "supervisor-b");
        FacilityClaim.Compute(Fold(computed, returned), FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, amount, April, "再算定", "clerk-a")!.Revision.ShouldBe(2);
        ShouldBreakRule(() => FacilityClaim.Compute(Fold(computed), FacilityId, April, Ward, ClaimStage.Provisional, Pricing, amount, April, "概算", "clerk-a"),
            "claim.already-confirmed");
    }

    [Fact]
    public void the_facilitys_own_invoice_is_diffed_against_the_wards_computation()
    {
        var amount = PublicPriceEngine.Compute(Month(April, E1Roster()), Rules);
        var claim = Fold(FacilityClaim.Compute(null, FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, amount, April, "月次", "clerk-a")!);

        var invoice = claim.ReceiveInvoice("R8-0042", new DateOnly(2026, 5, 5), 5_620_000);

        invoice.Difference.ShouldBe(5_620_000 - 5_612_880);
        invoice.Discrepancies.ShouldBeNull();
        var children = claim.Latest.Children;
        var lines = children.Skip(1).Select(c => new InvoiceLine(c.Ref, c.PublicPrice)).Append(new InvoiceLine("unknown", 1_000)).ToList();
        lines[0] = lines[0] with { Amount = lines[0].Amount + 10 };
        claim.ReceiveInvoice("R8-0043", new DateOnly(2026, 5, 5), 5_620_000, lines).Discrepancies!.ShouldBe(
            [new InvoiceDiscrepancy(children[0].Ref, null, children[0].PublicPrice), new InvoiceDiscrepancy(children[1].Ref, children[1].PublicPrice + 10, children[1].PublicPrice),
             new InvoiceDiscrepancy("unknown", 1_000, null)], ignoreOrder: true);
        ShouldBreakRule(() => Fold(FacilityClaim.Compute(null, FacilityId, April, Ward, ClaimStage.Confirmed, Pricing, amount, April, "月次", "clerk-a")!, invoice)
            .ReceiveInvoice("R8-0042", April, 1), "claim.invoice-duplicate");
    }
}
