using JasperFx.Events;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Rounds;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using Marten.Events.Projections;
using static KosodateShien.Projections.Analytics.AnalyticsSchema;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// 利用申込 and 利用調整 for analysts: <c>applications</c> (one row per application, its latest status and 指数),
/// <c>allocation_rounds</c> (入所月 of each round) and <c>allocation_outcomes</c> (one row per 内定 / 保留 / 不承諾 / 辞退, with
/// the クラス年齢 in the round's 年度, so 待機児童 can be counted for any round's month).
/// A custom projection writing SQL rather than a FlatTableProjection: keys are keyed hashes, and the birth month and
/// クラス年齢 come from the child's birth date, which the application events do not carry (read once, at 受付).
/// </summary>
public sealed class AllocationAnalytics(AnalyticsTables tables, Pseudonyms pseudonyms) : IProjection, IBulkAppendedProjection
{
    public async Task ApplyAsync(IDocumentOperations ops, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var received = events.Select(e => e.Data).OfType<PlacementApplicationReceived>().ToList();
        var births = received.Count == 0 ? new Dictionary<Guid, DateOnly>()
            : (await ops.LoadManyAsync<Person>(ct, received.Select(r => r.ChildId).Distinct())).ToDictionary(p => p.Id, p => p.BirthDate);
        foreach (var e in events) Apply(ops, e.Data, births);
    }

    /// <summary>Events appended in bulk; an application's 受付 needs the child's birth date read first, so it never comes this way.</summary>
    public void Queue(IDocumentOperations ops, IReadOnlyList<object> events)
    {
        if (events.OfType<PlacementApplicationReceived>().Any())
            throw new InvalidOperationException("利用申込受付 needs the child's birth date: append it through Marten, not in bulk.");
        foreach (var e in events) Apply(ops, e, new Dictionary<Guid, DateOnly>());
    }

    private void Apply(IDocumentOperations ops, object data, IReadOnlyDictionary<Guid, DateOnly> births)
    {
        switch (data)
        {
            case PlacementApplicationReceived e:
                DateOnly? birth = births.TryGetValue(e.ChildId, out var b) ? b : null;
                ops.QueueSqlCommand($"""
                    insert into {tables.Applications} (application_key, child_key, household_key, certification_key, kind, application_date, desired_start_month,
                        desired_facilities, wide_area, birth_month, age_class, status, status_on)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?::text, ?::date, ?::integer, 'received', ?) on conflict (application_key) do nothing
                    """, pseudonyms.Of(e.ApplicationId), pseudonyms.Of(e.ChildId), pseudonyms.Of(e.HouseholdId), pseudonyms.Of(e.CertificationId), Text(e.Kind),
                    e.ApplicationDate, e.DesiredStartMonth, e.DesiredFacilities.Count, Db(Text(e.WideArea?.Kind)), Db(birth is { } d ? BirthMonth(d) : null),
                    Db(birth is { } day ? JapaneseDates.ClassAge(day, JapaneseDates.FiscalYearOf(e.DesiredStartMonth)) : null), e.ApplicationDate);
                break;
            case ApplicationScored e:
                ops.QueueSqlCommand($"update {tables.Applications} set score = ?, criteria_version = ? where application_key = ?",
                    e.Score.Total, e.Score.CriteriaVersion, pseudonyms.Of(e.ApplicationId));
                break;
            case PlacementOffered e: Outcome(ops, e.ApplicationId, e.RoundId, "offered", e.DecidedOn, e.FacilityId, e.PreferenceRank, e.AgeClass); break;
            case ApplicationPutOnHold e: Outcome(ops, e.ApplicationId, e.RoundId, "onHold", e.DecidedOn, null, null, null); break;
            case ApplicationRefused e: Outcome(ops, e.ApplicationId, e.RoundId, "refused", e.DecidedOn, null, null, null); break;
            case PlacementOfferDeclined e:
                Outcome(ops, e.ApplicationId, e.RoundId, "declined", e.DeclinedOn, null, null, null);
                if (e.Rejoin) Status(ops, e.ApplicationId, "onHold", e.DeclinedOn);
                break;
            case PlacementApplicationWithdrawn e: Status(ops, e.ApplicationId, "withdrawn", e.WithdrawnOn); break;
            case AllocationRoundOpened e:
                ops.QueueSqlCommand($"insert into {tables.AllocationRounds} (round_id, target_month, opened_on) values (?, ?, ?) on conflict (round_id) do nothing",
                    e.RoundId, e.TargetMonth, e.OpenedOn);
                break;
            case AllocationRoundConfirmed e:
                ops.QueueSqlCommand($"update {tables.AllocationRounds} set confirmed_on = ? where round_id = ?", e.ConfirmedOn, e.RoundId);
                break;
            case AllocationRoundClosed e:
                ops.QueueSqlCommand($"update {tables.AllocationRounds} set closed_on = ? where round_id = ?", e.ClosedOn, e.RoundId);
                break;
        }
    }

    /// <summary>
    /// A round's decision on an application. Without the engine's クラス年齢 (内定 has one) it is the application's クラス年齢
    /// moved on by the 年度 between the desired start month and the round's month.
    /// </summary>
    private void Outcome(IDocumentOperations ops, Guid applicationId, Guid roundId, string outcome, DateOnly on, Guid? facility, int? rank, int? ageClass)
    {
        ops.QueueSqlCommand($"""
            insert into {tables.AllocationOutcomes} (application_key, child_key, household_key, round_id, round_month, outcome, facility_id, preference_rank, age_class,
                score, wide_area, decided_on)
            select a.application_key, a.child_key, a.household_key, r.round_id, r.target_month, ?, ?::uuid, ?::integer,
                coalesce(?::integer, a.age_class + {FiscalYear("r.target_month")} - {FiscalYear("a.desired_start_month")}), a.score, a.wide_area, ?
            from {tables.Applications} a left join {tables.AllocationRounds} r on r.round_id = ?
            where a.application_key = ?
            """, outcome, Db(facility), Db(rank), Db(ageClass), on, roundId, pseudonyms.Of(applicationId));
        Status(ops, applicationId, outcome, on);
    }

    private static string FiscalYear(string month) => $"(extract(year from {month} - interval '3 months'))::integer";

    private void Status(IDocumentOperations ops, Guid applicationId, string status, DateOnly on) =>
        ops.QueueSqlCommand($"update {tables.Applications} set status = ?, status_on = ? where application_key = ?", status, on, pseudonyms.Of(applicationId));
}
