using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>Payment batches: what each facility is owed (確定 + 支払調整, netted), four-eyes, the file, 振込不能 freeing the amount.</summary>
public class PaymentBatchTests : FacilityPaymentSpec
{
    private static readonly DebitConsignor Ward = new("1234567890", "ｼﾝｼﾞﾕｸｸ", "0123", "ﾃｽﾄｷﾞﾝｺｳ", "001", "ﾎﾝﾃﾝ", AccountType.Ordinary, "1234567");
    private static readonly ClaimPricing Pricing = new(FacilityCategory.PrivateNursery, RegionCategory.Percent20, 90, 0, Rates, false, [], 1, 1, null);
    private static readonly DateOnly April = new(2026, 4, 1), May = new(2026, 5, 1), June20 = new(2026, 6, 20);

    private static readonly Guid First = Guid.NewGuid(), Second = Guid.NewGuid();

    private static readonly Dictionary<Guid, (string, BankAccount?)> Facilities = new()
    {
        [First] = ("1310400001", BankAccount.Of("0456", "012", AccountType.Ordinary, "7654321", "ﾌｸ)ﾃｽﾄﾎｲｸｶｲ")),
        [Second] = ("1310400002", BankAccount.Of("0789", "345", AccountType.Current, "0012345", "ｶ)ｻﾝﾌﾟﾙｺﾄﾞﾓｴﾝ")),
    };

    private static FacilityClaim Fold(params object[] events) => events.Aggregate((FacilityClaim?)null, FacilityClaim.Evolve)!;

    /// <summary>A claim computed from a roster and approved.</summary>
    private static (FacilityClaim Claim, List<object> Events) Approved(Guid facility, DateOnly month, IReadOnlyList<ClaimChild> roster, FacilityClaim? before = null,
        List<object>? events = null)
    {
        events ??= [];
        var computed = FacilityClaim.Compute(before, facility, month, "131041", ClaimStage.Confirmed, Pricing, PublicPriceEngine.Compute(Month(month, roster), Rules), month, "月次",
            "clerk-a")!;
        events.Add(computed);
        var claim = Fold([.. events]);
        events.Add(claim.Approve("supervisor-b", month));
        return (Fold([.. events]), events);
    }

    [Fact]
    public void a_batch_pays_each_facility_what_its_approved_claims_are_owed_and_writes_the_file_after_a_second_persons_approval()
    {
        var (first, _) = Approved(First, May, E1Roster());
        var (second, _) = Approved(Second, May, Children(2, 4).ToList());

        var created = PaymentBatch.Create(Guid.NewGuid(), June20, Ward, [first, second], Facilities, "finance-a", new DateOnly(2026, 6, 10));
        var batch = PaymentBatch.Evolve(null, created)!;

        created.Items.Select(i => i.Amount).ShouldBe([5_612_880, 2 * 62_920]);
        ShouldBreakRule(() => batch.File(), "payment-batch.not-approved");
        ShouldBreakRule(() => batch.Approve("finance-a", June20), "payment-batch.four-eyes");
        batch = PaymentBatch.Evolve(batch, batch.Approve("finance-b", new DateOnly(2026, 6, 11)))!;
        var file = batch.File();
        file.TotalAmount.ShouldBe(5_612_880 + 125_840);
        file.ToBytes().Length.ShouldBe(5 * 122);
    }

    [Fact]
    public void a_claim_in_a_batch_is_not_taken_again_and_a_failed_transfer_frees_it()
    {
        var (claim, events) = Approved(First, May, E1Roster());
        var created = PaymentBatch.Create(Guid.NewGuid(), June20, Ward, [claim], Facilities, "finance-a", June20);
        events.Add(new FacilityClaimScheduled(claim.Id, created.BatchId, June20, created.Items[0].Claims[0].Amount));
        claim = Fold([.. events]);

        claim.Unscheduled.ShouldBe(0);
        ShouldBreakRule(() => PaymentBatch.Create(Guid.NewGuid(), June20, Ward, [claim], Facilities, "finance-a", June20), "payment-batch.nothing-owed");
        events.Add(new FacilityClaimPaymentFailed(claim.Id, created.BatchId, 5_612_880, "口座相違"));
        Fold([.. events]).Unscheduled.ShouldBe(5_612_880);
    }

    [Fact]
    public void a_payment_failing_after_the_batch_was_completed_is_owed_again_too()
    {
        var (claim, events) = Approved(First, May, E1Roster());
        var batchId = Guid.NewGuid();
        events.AddRange([new FacilityClaimScheduled(claim.Id, batchId, June20, 5_612_880), new FacilityClaimPaid(claim.Id, batchId, 5_612_880, June20)]);
        Fold([.. events]).ShouldSatisfyAllConditions(c => c.PaidAmount.ShouldBe(5_612_880), c => c.Unscheduled.ShouldBe(0));

        events.Add(new FacilityClaimPaymentFailed(claim.Id, batchId, 5_612_880, "組戻し", WasBookedPaid: true));

        Fold([.. events]).ShouldSatisfyAllConditions(c => c.PaidAmount.ShouldBe(0), c => c.ScheduledAmount.ShouldBe(0), c => c.Unscheduled.ShouldBe(5_612_880));
    }

    [Fact]
    public void a_later_adjustment_is_paid_with_the_next_month_and_a_negative_one_nets_against_it()
    {
        var roster = E1Roster();
        var (april, events) = Approved(First, April, roster);
        var aprilBatch = Guid.NewGuid();
        events.AddRange([new FacilityClaimScheduled(april.Id, aprilBatch, April, 5_612_880), new FacilityClaimPaid(april.Id, aprilBatch, 5_612_880, April)]);
        // A backdated 退所: a 4歳 child left on 4/15, so April is worth less than was paid.
        var leaver = roster.First(c => c.BirthDate == BornForClassAge(4));
        var (aprilRevised, _) = Approved(First, April, [.. roster.Where(c => c != leaver), leaver with { To = new DateOnly(2026, 4, 15) }], Fold([.. events]), events);
        var (may, _) = Approved(First, May, E1Roster());

        var adjustment = aprilRevised.Approvals[^1].Adjustment;
        adjustment.ShouldBeLessThan(0);
        aprilRevised.Unscheduled.ShouldBe(adjustment);
        var created = PaymentBatch.Create(Guid.NewGuid(), June20, Ward, [aprilRevised, may], Facilities, "finance-a", June20);
        created.Items.Single().Amount.ShouldBe(5_612_880 + adjustment);
        created.Items.Single().Claims.Select(c => c.Amount).ShouldBe([adjustment, 5_612_880]);
    }

    [Fact]
    public void a_facility_without_an_account_on_the_day_is_named()
    {
        var (claim, _) = Approved(First, May, E1Roster());
        var noAccount = new Dictionary<Guid, (string, BankAccount?)> { [First] = ("1310400001", null) };

        ShouldBreakRule(() => PaymentBatch.Create(Guid.NewGuid(), June20, Ward, [claim], noAccount, "finance-a", June20), "payment-batch.no-account").Message.ShouldContain("1310400001");
    }
}
