namespace KosodateShien.Domain.Tests.Collection;

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;

/// <summary>
/// 収納充当 (REFERENCE.md §7 収納: "allocation order when partial: municipal (commonly oldest 納期 first, principal before
/// 延滞金)"): a payer's payment spread over the payer's charges in the order of the collection rules in force. Amounts worked by hand.
/// </summary>
public class PaymentAllocationTests
{
    private static readonly Guid Payer = Guid.Parse("c0000000-0000-0000-0000-000000000021");
    private static readonly DateOnly PaidOn = new(2027, 6, 10);
    private static readonly CollectionRuleSet PrincipalFirst = CollectionRuleSet.Default;
    private static readonly CollectionRuleSet FeesWithTheirCharge = CollectionRuleSet.Default with
    {
        Id = "standard-v2", Version = 2, PaymentAllocation = PaymentAllocationOrder.FeesWithTheirCharge,
    };

    /// <summary>A charge assessed on the first of its month (or <paramref name="assessedOn"/>), followed by <paramref name="later"/>.</summary>
    private static Charge Charge(string number, CollectionSubject subject, string month, long amount, string? due = null, Guid? id = null, string? assessedOn = null,
        params object[] later)
    {
        var first = DateOnly.Parse($"{month}-01");
        var assessed = Domain.Collection.Charge.Assess(number, Payer, null, subject, first, amount, due is null ? JapaneseDates.EndOfMonth(first) : DateOnly.Parse(due),
            assessedOn is null ? first : DateOnly.Parse(assessedOn), ChargeSource.Manual, 1, id: id);
        return new object[] { assessed }.Concat(later).Aggregate((Charge?)null, Domain.Collection.Charge.Evolve)!;
    }

    private static Charge Paid(Charge charge, long amount, string paidOn) =>
        Domain.Collection.Charge.Evolve(charge, charge.Receive(amount, DateOnly.Parse(paidOn), DateOnly.Parse(paidOn), PaymentChannel.Counter))!;

    /// <summary>March 2027 (paid late in full) with its 1,000-yen 延滞金 due 2027-04-30, April and May at 30,000 each.</summary>
    private static Charge[] MarchLateFeeAprilMay()
    {
        var lateFeeId = Guid.Parse("c0000000-0000-0000-0000-0000000000f1");
        var march = Paid(Charge("C2026000300", CollectionSubject.UserFee, "2027-03", 30_000,
            later: new LateFeeAssessed(Guid.Empty, lateFeeId, 1_000, 1_000m, [], 1, new DateOnly(2027, 4, 20))), 30_000, "2027-04-20");
        var lateFee = Charge("C2027000900", CollectionSubject.LateFee, "2027-03", 1_000, due: "2027-04-30", id: lateFeeId, assessedOn: "2027-04-20");
        return [march, lateFee, Charge("C2027000400", CollectionSubject.UserFee, "2027-04", 30_000), Charge("C2027000500", CollectionSubject.UserFee, "2027-05", 30_000)];
    }

    private static IEnumerable<(string, long, long)> Parts(PaymentAllocated allocated) => allocated.Parts.Select(p => (p.CollectionNumber, p.Applied, p.Outstanding));

    [Fact]
    public void by_default_the_oldest_due_principal_is_paid_first_and_the_late_fee_last()
    {
        // 50,000 against April 30,000 (due 04-30) + May 30,000 (due 05-31) + a 延滞金 1,000 (due 04-30, older than May):
        // principal first → April 30,000, May 20,000 (10,000 left), 延滞金 nothing.
        var allocated = PaymentAllocation.Allocate(Payer, MarchLateFeeAprilMay(), 50_000, PaidOn, PaidOn.AddDays(1), PaymentChannel.Slip, PrincipalFirst);

        Parts(allocated).ShouldBe([("C2027000400", 30_000L, 0L), ("C2027000500", 20_000L, 10_000L)]);
        (allocated.Excess, allocated.ExcessChargeId, allocated.RuleVersion, allocated.Order).ShouldBe((0L, (Guid?)null, 1, PaymentAllocationOrder.PrincipalFirst));
        allocated.Payments.ShouldAllBe(p => p.AllocationId == allocated.AllocationId && p.AllocationRuleVersion == 1 && p.PaidOn == PaidOn
            && p.BookedOn == PaidOn.AddDays(1) && p.Channel == PaymentChannel.Slip);
        allocated.Payments.Select(p => p.Amount).ShouldBe([30_000L, 20_000L]);
    }

    [Fact]
    public void with_fees_with_their_charge_the_late_fee_of_march_comes_before_april()
    {
        // The 延滞金 arose from March (due 03-31): it ranks right after March, so before April → 延滞金 1,000, April 30,000, May 19,000.
        var allocated = PaymentAllocation.Allocate(Payer, MarchLateFeeAprilMay(), 50_000, PaidOn, PaidOn, PaymentChannel.Counter, FeesWithTheirCharge);

        Parts(allocated).ShouldBe([("C2027000900", 1_000L, 0L), ("C2027000400", 30_000L, 0L), ("C2027000500", 19_000L, 11_000L)]);
        allocated.Payments.ShouldAllBe(p => p.AllocationRuleVersion == 2);
    }

    [Fact]
    public void a_dunning_fee_follows_its_charge_in_the_alternative_order_and_comes_last_by_default()
    {
        var feeId = Guid.Parse("c0000000-0000-0000-0000-0000000000f2");
        var april = Charge("C2027000400", CollectionSubject.UserFee, "2027-04", 30_000,
            later: new DunningNoticeIssued(Guid.Empty, new DateOnly(2027, 5, 20), new DateOnly(2027, 5, 30), true, new DateOnly(2027, 5, 30), 100, feeId, 2));
        var fee = Charge("C2027000901", CollectionSubject.DunningFee, "2027-04", 100, due: "2027-05-30", id: feeId, assessedOn: "2027-05-20");
        var may = Charge("C2027000500", CollectionSubject.UserFee, "2027-05", 30_000);
        Charge[] charges = [may, fee, april];

        Parts(PaymentAllocation.Allocate(Payer, charges, 60_100, PaidOn, PaidOn, PaymentChannel.Counter, FeesWithTheirCharge)).ShouldBe(
            [("C2027000400", 30_000L, 0L), ("C2027000901", 100L, 0L), ("C2027000500", 30_000L, 0L)]);
        Parts(PaymentAllocation.Allocate(Payer, charges, 60_100, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst)).ShouldBe(
            [("C2027000400", 30_000L, 0L), ("C2027000500", 30_000L, 0L), ("C2027000901", 100L, 0L)]);
    }

    [Fact]
    public void charges_due_the_same_day_go_by_collection_number()
    {
        Charge[] charges =
        [
            Charge("C2027000402", CollectionSubject.UserFee, "2027-04", 30_000),
            Charge("C2027000401", CollectionSubject.SideDish, "2027-04", 4_500),
        ];

        Parts(PaymentAllocation.Allocate(Payer, charges, 10_000, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst))
            .ShouldBe([("C2027000401", 4_500L, 0L), ("C2027000402", 5_500L, 24_500L)]);
    }

    [Fact]
    public void only_charges_owing_on_the_payment_day_are_paid_into_and_each_takes_what_it_owes_now()
    {
        Charge[] charges =
        [
            Charge("C2027000300", CollectionSubject.UserFee, "2027-03", 30_000, later: new ChargeCancelled(Guid.Empty, new DateOnly(2027, 3, 5), "誤調定")),
            Paid(Charge("C2027000400", CollectionSubject.UserFee, "2027-04", 30_000), 30_000, "2027-06-20"),    // paid in full after 納付日
            Paid(Charge("C2027000500", CollectionSubject.UserFee, "2027-05", 30_000), 25_000, "2027-06-20"),    // owes 5,000 now
            Charge("C2027000600", CollectionSubject.UserFee, "2027-06", 30_000, assessedOn: "2027-06-15"),      // assessed after 納付日
            Charge("C2027000700", CollectionSubject.Other, "2027-05", 8_000, due: "2027-06-30"),
        ];

        var allocated = PaymentAllocation.Allocate(Payer, charges, 10_000, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst);

        Parts(allocated).ShouldBe([("C2027000500", 5_000L, 0L), ("C2027000700", 5_000L, 3_000L)]);
    }

    [Fact]
    public void what_is_beyond_everything_owed_goes_on_the_last_charge_paid_into_as_an_overpayment()
    {
        var april = Charge("C2027000400", CollectionSubject.UserFee, "2027-04", 30_000);
        var may = Charge("C2027000500", CollectionSubject.UserFee, "2027-05", 30_000);

        var allocated = PaymentAllocation.Allocate(Payer, [may, april], 70_000, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst);

        Parts(allocated).ShouldBe([("C2027000400", 30_000L, 0L), ("C2027000500", 30_000L, 0L)]);
        (allocated.Excess, allocated.ExcessChargeId).ShouldBe((10_000L, (Guid?)may.Id));
        allocated.Parts[^1].Amount.ShouldBe(40_000);
        Domain.Collection.Charge.Evolve(may, allocated.Payments[^1])!.Overpaid.ShouldBe(10_000);
    }

    [Fact]
    public void a_payer_owing_nothing_has_it_all_on_the_newest_charge_and_one_without_charges_is_refused()
    {
        var april = Paid(Charge("C2027000400", CollectionSubject.UserFee, "2027-04", 30_000), 30_000, "2027-04-30");
        var may = Paid(Charge("C2027000500", CollectionSubject.UserFee, "2027-05", 30_000), 30_000, "2027-05-31");

        var allocated = PaymentAllocation.Allocate(Payer, [may, april], 5_000, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst);

        allocated.Parts.ShouldHaveSingleItem().ShouldBe(allocated.Parts[0] with { ChargeId = may.Id, Amount = 5_000, Applied = 0, Outstanding = 0 });
        (allocated.Excess, allocated.ExcessChargeId).ShouldBe((5_000L, (Guid?)may.Id));
        ShouldBreakRule(() => PaymentAllocation.Allocate(Payer, [], 5_000, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst), "payment.no-charge").Field.ShouldBe("payerId");
        ShouldBreakRule(() => PaymentAllocation.Allocate(Payer, [may], 0, PaidOn, PaidOn, PaymentChannel.Counter, PrincipalFirst), "payment.amount");
        ShouldBreakRule(() => PaymentAllocation.Allocate(Payer, [may], 1, PaidOn, PaidOn.AddDays(-1), PaymentChannel.Counter, PrincipalFirst), "payment.booked-before-paid");
    }

    [Fact]
    public void a_rule_set_stored_before_the_allocation_order_existed_reads_as_principal_first()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        var stored = JsonSerializer.SerializeToNode(CollectionRuleSet.Default with { PaymentAllocation = PaymentAllocationOrder.FeesWithTheirCharge }, options)!.AsObject();
        stored["paymentAllocation"]!.GetValue<string>().ShouldBe("feesWithTheirCharge");
        stored.Remove("paymentAllocation");

        var read = stored.Deserialize<CollectionRuleSet>(options)!;

        (read.Id, read.Version, read.PaymentAllocation).ShouldBe(("standard-v1", 1, PaymentAllocationOrder.PrincipalFirst));
    }
}
