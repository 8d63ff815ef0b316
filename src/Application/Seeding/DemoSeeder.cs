using System.Diagnostics;
using KosodateShien.Application.Charges;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Contracts;
using KosodateShien.Application.Demo;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Application.Rules;
using KosodateShien.Domain.FacilityPayments;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using KosodateShien.Projections.Allocation;
using KosodateShien.Projections.Certification;
using KosodateShien.Projections.Contracts;
using KosodateShien.Projections.ExtendedCare;
using KosodateShien.Projections.Privacy;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Seeding;

/// <summary>
/// Loads the Bogus demo ward (≈4,500 households, ≈6,000 children) into an empty database on first start.
/// Events carry the user <c>demo-seed</c>; pending 3号→2号 changes are scheduled like real ones, and the children placed in
/// facilities get this month's 利用者負担額 through the real monthly fee run (<see cref="MonthlyBillingRun"/>), which also issues the charges for collection.
/// </summary>
public static class DemoSeeder
{
    public const string SeedUser = "demo-seed";
    private const int StreamsPerTransaction = 1_000;

    public static async Task<bool> SeedIfEmptyAsync(IDocumentStore store, IMessageBus bus, TimeProvider clock, int seed, ILogger logger, CancellationToken ct, DemoSize? size = null)
    {
        await using (var probe = store.QuerySession())
        {
            if (await probe.Query<Household>().AnyAsync(ct))
            {
                logger.LogInformation("Demo data: the database already holds households; not seeding.");
                return false;
            }
        }

        var watch = Stopwatch.StartNew();
        var today = clock.TodayJst();
        var rules = CertificationRuleSet.Default;
        await using (var session = store.QuerySession()) rules = await session.InForceOnAsync(today, ct);
        var data = DemoDataGenerator.Generate(seed, today, rules, size);
        logger.LogInformation("Demo data: generated {Streams} streams in {Elapsed} ms; writing…", data.Streams.Count, watch.ElapsedMilliseconds);

        foreach (var chunk in data.Streams.Chunk(StreamsPerTransaction))
        {
            // One statement makes the chunk's personal-data keys, instead of one round trip per person while serializing.
            await store.PersonalDataKeys().EnsureAsync([.. chunk.Where(s => s.Events[0] is HouseholdRegistered or PersonRegistered).Select(s => s.Id)], ct);
            await using var session = store.LightweightSession();
            session.LastModifiedBy = SeedUser;
            session.CorrelationId = $"demo-seed-{seed}";
            foreach (var stream in chunk) StartStream(session, stream);
            await session.SaveChangesAsync(ct);
        }

        await NumberSequences.AdvancePastAsync(store, CertificationStoreConfiguration.CertificationNumberSequence, data.CertificationNumbersUsed, ct);
        await NumberSequences.AdvancePastAsync(store, CertificationStoreConfiguration.CertificateNumberSequence, data.CertificateNumbersUsed, ct);
        await NumberSequences.AdvancePastAsync(store, AllocationStoreConfiguration.ApplicationNumberSequence, data.ApplicationNumbersUsed, ct);
        await NumberSequences.AdvancePastAsync(store, ContractStoreConfiguration.ContractNumberSequence, data.ContractNumbersUsed, ct);
        await NumberSequences.AdvancePastAsync(store, ExtendedCareStoreConfiguration.ApplicationNumberSequence, data.ExtendedCareNumbersUsed, ct);
        await ScheduleAgeThreeChangesAsync(data, bus);

        var statistics = data.Statistics;
        logger.LogInformation("Demo data: {Households} households, {Children} children, {Certifications} certifications, {Facilities} facilities, "
            + "{Applications} placement applications, {Placements} placements ({Running} running, {Ended} ended), {ExtendedCare} 延長保育 contracts written in {Elapsed:N1} s; "
            + "determining fees for {Month:yyyy-MM}…",
            statistics.Households, statistics.Children, statistics.Certifications, statistics.Facilities, statistics.PlacementApplications,
            statistics.Placements, statistics.Placements - statistics.EndedPlacements, statistics.EndedPlacements, data.ExtendedCareNumbersUsed, watch.Elapsed.TotalSeconds,
            data.PlacementMonth);

        var feeWatch = Stopwatch.StartNew();
        await MonthlyBillingRun.RunAsync(bus, data.PlacementMonth, MonthlyBillingRun.DefaultTimeout, ct);
        logger.LogInformation("Demo data: fee run for {Month:yyyy-MM} finished in {FeeElapsed:N1} s.", data.PlacementMonth, feeWatch.Elapsed.TotalSeconds);

        // The 給付費 of the month, priced with the SAMPLE 単価表 (ILLUSTRATIVE numbers, marked as such), left for staff to approve.
        await RuleSetStore.EnsureDefaultAsync(store, PublicPriceTables.Sample, ct);
        var claims = await FacilityClaims.RunMonthAsync(store, data.PlacementMonth, ClaimStage.Confirmed, "デモデータ: 月次算定", SeedUser, today, ct);
        logger.LogInformation("Demo data: 給付費 for {Month:yyyy-MM}: {Claims} claims, {Total:N0} yen, {Skipped} facilities skipped; seeding took {Elapsed:N1} s in all.",
            data.PlacementMonth, claims.Computed, claims.Total, claims.Skipped.Count, watch.Elapsed.TotalSeconds);
        return true;
    }

    private static void StartStream(IDocumentSession session, DemoStream stream)
    {
        switch (stream.Events[0])
        {
            case HouseholdRegistered: session.Events.StartStream<Household>(stream.Id, stream.Events); break;
            case PersonRegistered: session.Events.StartStream<Person>(stream.Id, stream.Events); break;
            case TaxAssessed: session.Events.StartStream<TaxYear>(stream.Id, stream.Events); break;
            case CertificationApplied: session.Events.StartStream<CertificationState>(stream.Id, stream.Events); break;
            case FacilityRegistered: session.Events.StartStream<Facility>(stream.Id, stream.Events); break;
            case PlacementApplicationReceived: session.Events.StartStream<PlacementApplication>(stream.Id, stream.Events); break;
            case PlacementStarted: session.Events.StartStream<Placement>(stream.Id, stream.Events); break;
            case ExtendedCareApplied: session.Events.StartStream<ExtendedCareContract>(stream.Id, stream.Events); break;
            case Domain.FacilityPayments.AddonCertificationOpened: session.Events.StartStream<Domain.FacilityPayments.AddonCertification>(stream.Id, stream.Events); break;
            default: throw new InvalidOperationException($"Unexpected first event {stream.Events[0].GetType().Name} in demo stream {stream.Id}.");
        }
    }

    private static async Task ScheduleAgeThreeChangesAsync(DemoDataSet data, IMessageBus bus)
    {
        foreach (var stream in data.Streams.Where(s => s.Events[0] is CertificationApplied))
        {
            var state = stream.Events.Aggregate((CertificationState?)null, CertificationState.Evolve);
            if (state?.AgeThreeChangeDate is { } date)
                await bus.ScheduleAsync(new ChangeCategoryAtAgeThree(state.Id, date), JapaneseDates.StartOfDayJst(date));
        }
    }
}
