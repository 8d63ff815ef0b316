using KosodateShien.Domain.Charges;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests.Charges;

/// <summary>Charges handed to collection: one notice stream per payer × month × 科目, revised only when the amount or lines change.</summary>
public class ChargeNoticeTests
{
    private static readonly Guid Payer = Guid.Parse("d0000000-0000-0000-0000-000000000001");
    private static readonly Guid Household = Guid.Parse("d0000000-0000-0000-0000-000000000002");
    private static readonly Guid Elder = Guid.Parse("d0000000-0000-0000-0000-000000000003");
    private static readonly Guid Younger = Guid.Parse("d0000000-0000-0000-0000-000000000004");
    private static readonly DateOnly June = new(2027, 6, 1);

    private static ChargeLine Line(Guid child, string contract, long amount) => new(child, child, contract, amount);

    private static ChargeNotice Folded(params MonthlyChargeNotified[] events) =>
        events.Aggregate((ChargeNotice?)null, (s, e) => ChargeNotice.Evolve(s, e))!;

    [Fact]
    public void the_first_notice_sums_the_childrens_lines_in_contract_order()
    {
        var notified = ChargeNotice.Notify(null, Payer, Household, June, ChargeSubject.UserFee, [Line(Younger, "K2027000002", 15_000), Line(Elder, "K2027000001", 30_000)])!;

        notified.Amount.ShouldBe(45_000);
        notified.Revision.ShouldBe(1);
        notified.Replaces.ShouldBeNull();
        notified.Lines.Select(l => l.Reference).ShouldBe(["K2027000001", "K2027000002"]);
        notified.NoticeId.ShouldBe(ChargeNotice.IdFor(Payer, June, ChargeSubject.UserFee));
    }

    [Fact]
    public void the_same_charges_again_give_no_new_revision()
    {
        var first = ChargeNotice.Notify(null, Payer, Household, June, ChargeSubject.UserFee, [Line(Elder, "K2027000001", 30_000)])!;

        ChargeNotice.Notify(Folded(first), Payer, Household, June, ChargeSubject.UserFee, [Line(Elder, "K2027000001", 30_000)]).ShouldBeNull();
    }

    [Fact]
    public void a_changed_amount_is_a_revision_that_names_the_amount_it_replaces()
    {
        var first = ChargeNotice.Notify(null, Payer, Household, June, ChargeSubject.UserFee, [Line(Elder, "K2027000001", 30_000)])!;

        var revised = ChargeNotice.Notify(Folded(first), Payer, Household, June, ChargeSubject.UserFee, [Line(Elder, "K2027000001", 44_500)])!;

        revised.Revision.ShouldBe(2);
        revised.Replaces.ShouldBe(30_000);
        revised.Amount.ShouldBe(44_500);
        revised.NoticeId.ShouldBe(first.NoticeId);
    }

    [Fact]
    public void when_nothing_is_owed_any_more_the_notice_drops_to_zero_but_a_zero_month_is_never_a_first_notice()
    {
        ChargeNotice.Notify(null, Payer, Household, June, ChargeSubject.SideDishFee, [Line(Elder, "K2027000001", 0)]).ShouldBeNull();
        var first = ChargeNotice.Notify(null, Payer, Household, June, ChargeSubject.SideDishFee, [Line(Elder, "K2027000001", 4_500)])!;

        var zero = ChargeNotice.Notify(Folded(first), Payer, Household, June, ChargeSubject.SideDishFee, [])!;

        zero.Amount.ShouldBe(0);
        zero.Replaces.ShouldBe(4_500);
        zero.Lines.ShouldBeEmpty();
    }

    [Fact]
    public void each_subject_and_month_has_its_own_stable_stream()
    {
        var id = ChargeNotice.IdFor(Payer, June, ChargeSubject.UserFee);

        id.ShouldBe(ChargeNotice.IdFor(Payer, June, ChargeSubject.UserFee));
        id.ShouldNotBe(ChargeNotice.IdFor(Payer, June, ChargeSubject.SideDishFee));
        id.ShouldNotBe(ChargeNotice.IdFor(Payer, June.AddMonths(1), ChargeSubject.UserFee));
        id.ShouldNotBe(ChargeNotice.IdFor(Household, June, ChargeSubject.UserFee));
    }

    [Fact]
    public void a_charge_is_for_a_whole_month() =>
        Should.Throw<DomainRuleException>(() => ChargeNotice.Notify(null, Payer, Household, new DateOnly(2027, 6, 15), ChargeSubject.UserFee, [Line(Elder, "K1", 1)]))
            .Rule.ShouldBe("charge.month");
}
