using JasperFx.Events;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using Marten;
using Marten.Events.Projections;
using static KosodateShien.Projections.Analytics.AnalyticsSchema;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// 契約 and 利用者負担額 for analysts: <c>placements</c> (one row per stay at a facility: 認定区分, 保育必要量, クラス年齢, 利用期間,
/// status) and <c>fee_decisions</c> (one row per 利用者負担額決定, with its month, amounts, 階層 and rule version).
/// A custom projection writing SQL rather than a FlatTableProjection: the keys are keyed hashes, a fee decision takes the
/// child and household from its placement's row, and the monthly fee run appends in bulk (<see cref="IBulkAppendedProjection"/>).
/// </summary>
public sealed class PlacementAnalytics(AnalyticsTables tables, Pseudonyms pseudonyms) : IProjection, IBulkAppendedProjection
{
    public Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        Queue(ops, [.. events.Select(e => e.Data)]);
        return Task.CompletedTask;
    }

    public void Queue(IDocumentOperations ops, IReadOnlyList<object> events)
    {
        // Runs of the events the fee run appends in bulk become one statement each; the rest are rare and go one by one.
        foreach (var run in Runs(events))
            switch (run[0])
            {
                case FeeDetermined: FeesDetermined(ops, [.. run.Cast<FeeDetermined>()]); break;
                case ClassProgressed: ClassesProgressed(ops, [.. run.Cast<ClassProgressed>()]); break;
                default: foreach (var e in run) Apply(ops, e); break;
            }
    }

    internal static IEnumerable<List<object>> Runs(IReadOnlyList<object> events)
    {
        List<object>? run = null;
        foreach (var e in events)
        {
            if (run is not null && run[0].GetType() == e.GetType()) { run.Add(e); continue; }
            if (run is not null) yield return run;
            run = [e];
        }
        if (run is not null) yield return run;
    }

    private void FeesDetermined(IDocumentOperations ops, IReadOnlyList<FeeDetermined> fees) =>
        ops.QueueSqlCommand($"""
            insert into {tables.FeeDecisions} (placement_key, child_key, household_key, facility_id, month, effective_from, reason, fee, side_dish_fee, replaces,
                national_tier, municipal_tier, fee_category, rule_set, rule_version)
            select f.placement_key, p.child_key, p.household_key, p.facility_id, f.month, f.effective_from, f.reason, f.fee, f.side_dish_fee, f.replaces,
                f.national_tier, f.municipal_tier, f.fee_category, f.rule_set, f.rule_version
            from unnest(?::uuid[], ?::date[], ?::date[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::integer[], ?::text[], ?::text[], ?::text[], ?::integer[])
                with ordinality as f(placement_key, month, effective_from, reason, fee, side_dish_fee, replaces, national_tier, municipal_tier, fee_category, rule_set,
                    rule_version, n)
            left join {tables.Placements} p on p.placement_key = f.placement_key
            order by f.n
            """,
            fees.Select(f => pseudonyms.Of(f.PlacementId)).ToArray(), fees.Select(f => f.Month).ToArray(), fees.Select(f => f.EffectiveFrom).ToArray(),
            fees.Select(f => Text(f.Reason)).ToArray(), fees.Select(f => f.Fee).ToArray(), fees.Select(f => f.SideDishFee).ToArray(),
            fees.Select(f => f.Replaces).ToArray(), fees.Select(f => f.Quote.NationalTier).ToArray(), fees.Select(f => f.Quote.MunicipalTier).ToArray(),
            fees.Select(f => f.Quote.Basis.FeeCategory).ToArray(), fees.Select(f => f.Quote.Basis.RuleSet).ToArray(), fees.Select(f => f.Quote.Basis.RuleVersion).ToArray());

    private void ClassesProgressed(IDocumentOperations ops, IReadOnlyList<ClassProgressed> classes) =>
        ops.QueueSqlCommand($"""
            update {tables.Placements} p set age_class = u.age_class, class_fiscal_year = u.fiscal_year
            from unnest(?::uuid[], ?::integer[], ?::integer[]) as u(placement_key, age_class, fiscal_year)
            where p.placement_key = u.placement_key
            """, classes.Select(c => pseudonyms.Of(c.PlacementId)).ToArray(), classes.Select(c => c.ClassAge).ToArray(), classes.Select(c => c.FiscalYear).ToArray());

    private void Apply(IDocumentOperations ops, object data)
    {
        var t = tables.Placements;
        switch (data)
        {
            case PlacementStarted e:
                // 認定区分, 保育必要量 and the birth month come from the certification's row.
                ops.QueueSqlCommand($"""
                    insert into {t} (placement_key, child_key, household_key, certification_key, application_key, facility_id, source, service_kind, category, care_level,
                        starts_on, status, age_class, class_fiscal_year, birth_month)
                    select ?, ?, ?, ?, ?::uuid, ?, ?, ?, c.category, c.care_level, ?, 'active', ?, ?, c.birth_month
                    from (select 1) one left join {tables.Certifications} c on c.certification_key = ?
                    on conflict (placement_key) do nothing
                    """, pseudonyms.Of(e.PlacementId), pseudonyms.Of(e.ChildId), pseudonyms.Of(e.HouseholdId), pseudonyms.Of(e.CertificationId),
                    Db(pseudonyms.Of(e.ApplicationId)), e.FacilityId, Text(e.Source), Text(e.ServiceKind), e.StartsOn, e.ClassAge, JapaneseDates.FiscalYearOf(e.StartsOn),
                    pseudonyms.Of(e.CertificationId));
                break;
            case PlacementCertificationChanged e:
                ops.QueueSqlCommand($"update {t} set certification_key = ?, category = ?, care_level = ?::text, service_kind = ? where placement_key = ?",
                    pseudonyms.Of(e.CertificationId), Text(e.Category), Db(Text(e.CareLevel)), Text(e.ServiceKind), pseudonyms.Of(e.PlacementId));
                break;
            case PlacementTransferredOut e: Ended(ops, e.PlacementId, e.LastDay, "transferred"); break;
            case ChildLeftFacility e: Ended(ops, e.PlacementId, e.LastDay, "left"); break;
            case PlacementCancelled e: Ended(ops, e.PlacementId, e.EndsOn, "cancelled"); break;
        }
    }

    private void Ended(IDocumentOperations ops, Guid placementId, DateOnly lastDay, string status) =>
        ops.QueueSqlCommand($"update {tables.Placements} set ends_on = ?, status = ? where placement_key = ?", lastDay, status, pseudonyms.Of(placementId));
}
