using JasperFx.Events;
using KosodateShien.Domain.Collection;
using Marten;
using Marten.Events.Projections;
using static KosodateShien.Projections.Analytics.AnalyticsSchema;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// 調定・収納 for analysts (<c>charges</c>): one row per charge (payer × 賦課年度 × month × 科目) with 調定額, 収納額,
/// 不納欠損額, 未納額, 納期限 and status. 収納額 is the service's (<see cref="Charge.Collected"/>): payments and 充当 received, less
/// 充当 given, 還付 and any 過誤納 beyond what is owed; the row keeps the sums it is made from (<c>paid_amount</c>,
/// <c>released_amount</c>) and recomputes it after every change.
/// A custom projection writing SQL rather than a FlatTableProjection: keys are keyed hashes, 収納額 depends on several
/// columns at once, and the payment imports and 口座振替 results append in bulk (<see cref="IBulkAppendedProjection"/>).
/// </summary>
public sealed class ChargeAnalytics(AnalyticsTables tables, Pseudonyms pseudonyms) : IProjection, IBulkAppendedProjection
{
    public Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        Queue(ops, [.. events.Select(e => e.Data)]);
        return Task.CompletedTask;
    }

    public void Queue(IDocumentOperations ops, IReadOnlyList<object> events)
    {
        // Events the table takes nothing from are left out first, so they do not cut a run of payments into pieces: a bank's
        // answer with 3 % 振替不能 spread through it made about 1,800 runs, two statements each, instead of one.
        foreach (var run in PlacementAnalytics.Runs([.. events.Where(Takes)]))
        {
            if (run[0] is PaymentReceived) Paid(ops, [.. run.Cast<PaymentReceived>()]);
            else if (run[0] is ChargeAssessed) Assessed(ops, [.. run.Cast<ChargeAssessed>()]);
            else foreach (var e in run) Apply(ops, e);
        }
    }

    /// <summary>Payments (a bank's answer: tens of thousands) as one update that also recomputes what the sums make, not one to add and one to recompute.</summary>
    private void Paid(IDocumentOperations ops, IReadOnlyList<PaymentReceived> payments) =>
        ops.QueueSqlCommand($"""
            update {tables.Charges} c set paid_amount = n.paid_amount, last_paid_on = n.last_paid_on, {Derived("n")}
            from (select c0.charge_key, c0.assessed_amount, c0.released_amount, c0.written_off_amount, c0.cancelled_on, c0.written_off_on,
                         c0.paid_amount + u.amount as paid_amount, greatest(c0.last_paid_on, u.paid_on) as last_paid_on
                  from {tables.Charges} c0
                  join (select charge_key, sum(amount) as amount, max(paid_on) as paid_on from unnest(?::uuid[], ?::bigint[], ?::date[]) as p(charge_key, amount, paid_on)
                        group by charge_key) u on u.charge_key = c0.charge_key) n
            where c.charge_key = n.charge_key
            """, payments.Select(p => pseudonyms.Of(p.ChargeId)).ToArray(), payments.Select(p => p.Amount).ToArray(), payments.Select(p => p.PaidOn).ToArray());

    /// <summary>A month's 調定 (tens of thousands of charges) as one insert and one refresh, not two statements a charge.</summary>
    private void Assessed(IDocumentOperations ops, IReadOnlyList<ChargeAssessed> charges)
    {
        var keys = charges.Select(c => pseudonyms.Of(c.ChargeId)).ToArray();
        ops.QueueSqlCommand($"""
            insert into {tables.Charges} (charge_key, payer_key, household_key, subject, fiscal_year, assessment_fiscal_year, month, due_date, assessed_on, assessed_amount,
                paid_amount, released_amount, written_off_amount, collected_amount, outstanding_amount, status)
            select c.*, 0, 0, 0, 0, 0, 'open'
            from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::integer[], ?::integer[], ?::date[], ?::date[], ?::date[], ?::bigint[])
                as c(charge_key, payer_key, household_key, subject, fiscal_year, assessment_fiscal_year, month, due_date, assessed_on, assessed_amount)
            on conflict (charge_key) do nothing
            """, keys, charges.Select(c => pseudonyms.Of(c.PayerId)).ToArray(), charges.Select(c => pseudonyms.Of(c.HouseholdId)).ToArray(),
            charges.Select(c => Text(c.Subject)).ToArray(), charges.Select(c => c.FiscalYear).ToArray(), charges.Select(c => c.AssessmentFiscalYear).ToArray(),
            charges.Select(c => c.Month).ToArray(), charges.Select(c => c.DueDate).ToArray(), charges.Select(c => c.AssessedOn).ToArray(),
            charges.Select(c => c.Amount).ToArray());
        Refresh(ops, keys);
    }

    /// <summary>The events <see cref="Paid"/>, <see cref="Assessed"/> and <see cref="Apply"/> write something for.</summary>
    internal static bool Takes(object data) => data is PaymentReceived or ChargeAssessed or ChargeCorrected or ChargeCancelled or AppropriationReceived
        or OverpaymentAppropriated or RefundDetermined or ChargeWrittenOff or ChargeCarriedForward;

    private void Apply(IDocumentOperations ops, object data)
    {
        switch (data)
        {
            case ChargeCorrected e: Set(ops, e.ChargeId, "assessed_amount = ?", e.Amount); break;
            case ChargeCancelled e: Set(ops, e.ChargeId, "cancelled_on = ?", e.CancelledOn); break;
            case AppropriationReceived e when e.Amount > 0:
                Set(ops, e.ChargeId, "paid_amount = paid_amount + ?, last_paid_on = greatest(last_paid_on, ?)", e.Amount, e.EffectiveOn ?? e.AppropriatedOn);
                break;
            case OverpaymentAppropriated e: Set(ops, e.ChargeId, "released_amount = released_amount + ?", e.Amount); break;
            case RefundDetermined e: Set(ops, e.ChargeId, "released_amount = released_amount + ?", e.Amount); break;
            case ChargeWrittenOff e: Set(ops, e.ChargeId, "written_off_amount = ?, written_off_on = ?", e.Amount, e.WrittenOffOn); break;
            case ChargeCarriedForward e: Set(ops, e.ChargeId, "assessment_fiscal_year = ?", e.ToFiscalYear); break;
        }
    }

    private void Set(IDocumentOperations ops, Guid chargeId, string assignments, params object[] values)
    {
        var key = pseudonyms.Of(chargeId);
        ops.QueueSqlCommand($"update {tables.Charges} set {assignments} where charge_key = ?", [.. values, key]);
        Refresh(ops, [key]);
    }

    private void Refresh(IDocumentOperations ops, Guid[] keys) =>
        ops.QueueSqlCommand($"update {tables.Charges} c set {Derived("c")} where c.charge_key = any(?)", keys);

    /// <summary>
    /// 収納額, 未納額 and status from the sums of the row <paramref name="row"/>, as <see cref="Charge.Collected"/>, <see cref="Charge.Outstanding"/>
    /// and <see cref="Charge.StatusOn"/> make them (without 督促 dates: "overdue" is for the reader to judge by 納期限).
    /// </summary>
    private static string Derived(string row) => $"""
        collected_amount = case when {row}.cancelled_on is not null then 0
            else least({row}.paid_amount - {row}.released_amount, {row}.assessed_amount - {row}.written_off_amount) end,
        outstanding_amount = case when {row}.cancelled_on is not null or {row}.written_off_on is not null then 0
            else greatest(0, {row}.assessed_amount - ({row}.paid_amount - {row}.released_amount)) end,
        status = case when {row}.cancelled_on is not null then 'cancelled' when {row}.written_off_on is not null then 'writtenOff'
            when {row}.paid_amount - {row}.released_amount > {row}.assessed_amount then 'overpaid'
            when {row}.assessed_amount - ({row}.paid_amount - {row}.released_amount) <= 0 then 'paid'
            when {row}.paid_amount > 0 then 'partiallyPaid' else 'open' end
        """;
}
