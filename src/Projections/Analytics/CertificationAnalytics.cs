using JasperFx.Events;
using KosodateShien.Domain.Certification;
using Marten;
using Marten.Events.Projections;
using static KosodateShien.Projections.Analytics.AnalyticsSchema;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// 認定 for analysts (<c>certifications</c>): one row per certification with its 認定区分, 保育必要量, 事由, 認定期間, status and
/// the child's birth month (from the decision's basis).
/// A custom projection writing SQL rather than a FlatTableProjection: the keys are keyed hashes of the stream ids and the
/// birth month is cut from a date inside the decision's basis, neither of which a flat-table mapping can compute.
/// </summary>
public sealed class CertificationAnalytics(AnalyticsTables tables, Pseudonyms pseudonyms) : IProjection, IBulkAppendedProjection
{
    public Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        Queue(ops, [.. events.Select(e => e.Data)]);
        return Task.CompletedTask;
    }

    public void Queue(IDocumentOperations ops, IReadOnlyList<object> events)
    {
        foreach (var e in events) Apply(ops, e);
    }

    private void Apply(IDocumentOperations ops, object data)
    {
        var t = tables.Certifications;
        switch (data)
        {
            case CertificationApplied e:
                ops.QueueSqlCommand($"""
                    insert into {t} (certification_key, child_key, household_key, fiscal_year, application_date, kind, wants_nursery_care, status)
                    values (?, ?, ?, ?, ?, ?, ?, 'applied') on conflict (certification_key) do nothing
                    """, pseudonyms.Of(e.CertificationId), pseudonyms.Of(e.ChildId), pseudonyms.Of(e.HouseholdId), e.FiscalYear, e.ApplicationDate, Text(e.Kind),
                    e.WantsNurseryCare);
                break;
            case CertificationApproved e:
                Decided(ops, e.CertificationId, "certified", e.DecisionDate, e.Category, e.CareLevel, e.PrimaryReason, e.ValidFrom, e.ValidTo, e.HistoryNumber,
                    e.Basis.ChildBirthDate);
                break;
            case CertificationChanged e:
                Decided(ops, e.CertificationId, "certified", e.ChangeDate, e.Category, e.CareLevel, e.PrimaryReason, e.ValidFrom, e.ValidTo, e.HistoryNumber,
                    e.Basis.ChildBirthDate);
                break;
            case CertificationCategoryChangedAtAgeThree e:
                ops.QueueSqlCommand($"update {t} set category = ?, valid_from = ?, valid_to = ?, history_number = ? where certification_key = ?",
                    Text(e.To), e.ValidFrom, e.ValidTo, e.HistoryNumber, pseudonyms.Of(e.CertificationId));
                break;
            case CertificationRejected e: Status(ops, e.CertificationId, "rejected", e.DecisionDate); break;
            case CertificationWithdrawn e: Status(ops, e.CertificationId, "withdrawn", e.WithdrawnOn); break;
            case CertificationCancelled e: Status(ops, e.CertificationId, "cancelled", e.CancellationDate); break;
        }
    }

    private void Decided(IDocumentOperations ops, Guid id, string status, DateOnly on, CertificationCategory category, CareLevel? careLevel, CareNeedReason? reason,
        DateOnly validFrom, DateOnly validTo, int historyNumber, DateOnly birthDate) =>
        ops.QueueSqlCommand($"""
            update {tables.Certifications} set status = ?, status_on = ?, category = ?, care_level = ?::text, primary_reason = ?::text, valid_from = ?, valid_to = ?,
                history_number = ?, birth_month = ?
            where certification_key = ?
            """, status, on, Text(category), Db(Text(careLevel)), Db(Text(reason)), validFrom, validTo, historyNumber, BirthMonth(birthDate), pseudonyms.Of(id));

    private void Status(IDocumentOperations ops, Guid id, string status, DateOnly on) =>
        ops.QueueSqlCommand($"update {tables.Certifications} set status = ?, status_on = ? where certification_key = ?", status, on, pseudonyms.Of(id));
}
