using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Allocation.Engine;
using KosodateShien.Domain.Allocation.Rounds;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Allocation;
using Marten;

namespace KosodateShien.Application.Allocation;

/// <summary>What fixing a round's inputs produced.</summary>
/// <param name="HeldOver">applications the round cannot consider yet (e.g. 認定審査中): put on hold at confirmation</param>
public sealed record RoundInputsSummary(Guid RoundId, int Version, int Candidates, int Households, int Refused, int HeldOver, int Facilities, int Seats, int CriteriaVersion, string InputHash);

/// <summary>
/// The steps of a round that touch many streams: fix the inputs (score every application taken in),
/// run the engine (kept as a document, recorded on the round), and confirm a run (内定/保留/不承諾 on
/// every application). Each step is one transaction with version checks on every stream it writes.
/// </summary>
public static class RoundWorkflow
{
    /// <summary>A ward round solves exactly in seconds; a city round stops here with the best allocation found (status says so).</summary>
    public static readonly TimeSpan RoundExactTimeLimit = TimeSpan.FromSeconds(120);

    public static async Task<RoundInputsSummary> FixInputsAsync(IDocumentSession session, AllocationRound round, DateOnly today, CancellationToken ct)
    {
        round.RequireOpen();
        var criteria = await session.CriteriaInForceOnAsync(round.TargetMonth, ct);
        var intake = await RoundIntake.GatherAsync(session, round, criteria, ct);
        var instance = RoundInstanceBuilder.Build(intake.Candidates, intake.Vacancies, criteria);

        foreach (var candidate in intake.Candidates)
            session.Events.Append(candidate.Application.Id, candidate.Application.Version + 1,
                new ApplicationScored(candidate.Application.Id, round.Id, today, candidate.Score, candidate.Lottery));
        var entries = intake.Candidates.Select(c => new RoundEntry(c.Application.Id, c.Application.ChildId, RoundInstance.ChildKey(c.Application.Id),
            (c.Application.SiblingGroupId ?? c.Application.Id).ToString("N"), c.AgeClass, c.Score.Total, c.Application.DesiredFacilities)).ToList();
        session.Insert(new RoundInput(round.Id, instance.InputHash, instance.Instance, entries));
        session.Events.Append(round.Id, round.Version + 1, new RoundInputsFixed(round.Id, today, criteria.Id, criteria.Version, intake.Vacancies,
            [.. intake.Candidates.Select(c => c.Application.Id)], intake.Refused, instance.InputHash, intake.Held));

        return new RoundInputsSummary(round.Id, round.Version + 1, intake.Candidates.Count, instance.Instance.Households.Count, intake.Refused.Count,
            intake.Held.Count, intake.Vacancies.Count, intake.Vacancies.Sum(v => v.Seats.Total), criteria.Version, instance.InputHash);
    }

    public static async Task<(AllocationRunCompleted Run, AllocationRunResult Result)> RunAsync(IDocumentSession session, AllocationRound round, AllocationMode mode,
        IExactAllocator? exact, DateOnly today, CancellationToken ct)
    {
        if (round.Status != RoundStatus.InputsFixed)
            throw new DomainRuleException("round.not-ready", $"Round {round.Name} is {round.Status}: runs happen after the inputs are fixed and before confirmation.");
        if (mode == AllocationMode.Exact && exact is null)
            throw new DomainRuleException("allocation.exact-unavailable", "Exact mode (CP-SAT) is not available in this installation.", "mode");
        var input = await session.LoadAsync<RoundInput>(round.Id, ct)
            ?? throw new InvalidOperationException($"Round {round.Id} has fixed inputs but no input document.");

        var result = AllocationEngine.Run(input.Instance, new AllocationSettings(mode, ExactTimeLimit: RoundExactTimeLimit), exact);
        var runId = Guid.CreateVersion7();
        var hash = ResultHash(result);
        var summary = new RunSummary(input.Entries.Count,
            result.Outcomes.Count(o => o.Kind == OutcomeKind.Placed),
            result.Outcomes.Count(o => o.Kind == OutcomeKind.Unplaced),
            result.Outcomes.Count(o => o.Kind == OutcomeKind.TransferKept),
            result.Check.BlockingCoalitions, result.Stable, result.Diagnostics.RepairCycled);
        var completed = round.RecordRun(runId, mode, result.Diagnostics.AlgorithmVersion, hash, summary, today);
        var document = new AllocationRunResult(runId, round.Id, completed.RunNumber, input.InputHash, hash, result);
        session.Insert(document);
        session.Events.Append(round.Id, round.Version + 1, completed);
        return (completed, document);
    }

    /// <summary>Writes the run's outcome on every application of the round: 内定, 保留 with reasons, or 不承諾.</summary>
    public static async Task<AllocationRoundConfirmed> ConfirmAsync(IDocumentSession session, AllocationRound round, Guid runId, DateOnly today, CancellationToken ct)
    {
        var confirmed = round.Confirm(runId, today);
        var input = await session.LoadAsync<RoundInput>(round.Id, ct) ?? throw new InvalidOperationException($"Round {round.Id} has no input document.");
        var run = await session.LoadAsync<AllocationRunResult>(runId, ct) ?? throw new InvalidOperationException($"Run {runId} has no result document.");
        var fixedEvent = (await session.Events.FetchStreamAsync(round.Id, token: ct)).Select(e => e.Data).OfType<RoundInputsFixed>().Single();

        var held = fixedEvent.HeldBeforeAllocation ?? [];
        var applicationIds = input.Entries.Select(e => e.ApplicationId).Concat(fixedEvent.RefusedBeforeAllocation.Concat(held).Select(r => r.ApplicationId));
        var applications = (await session.LoadManyAsync<PlacementApplication>(ct, applicationIds)).ToDictionary(a => a.Id);
        var outcomes = run.Result.Outcomes.ToDictionary(o => o.ChildId);
        var explanations = run.Result.Explanations.ToLookup(e => e.ChildId);

        foreach (var entry in input.Entries)
        {
            var application = applications[entry.ApplicationId];
            var outcome = outcomes[entry.ChildKey];
            object decision = outcome.Kind == OutcomeKind.Placed
                ? new PlacementOffered(application.Id, round.Id, runId, FacilityId(outcome.FacilityId!), outcome.AgeClass, Rank(entry, FacilityId(outcome.FacilityId!)), today)
                : new ApplicationPutOnHold(application.Id, round.Id, runId, today, [.. explanations[entry.ChildKey].Select(x => HoldReason(entry, x))]);
            session.Events.Append(application.Id, application.Version + 1, decision);
        }
        foreach (var refused in fixedEvent.RefusedBeforeAllocation)
        {
            var application = applications[refused.ApplicationId];
            session.Events.Append(application.Id, application.Version + 1, new ApplicationRefused(application.Id, round.Id, today, refused.Reason));
        }
        foreach (var waiting in held)
        {
            var application = applications[waiting.ApplicationId];
            session.Events.Append(application.Id, application.Version + 1, new ApplicationPutOnHold(application.Id, round.Id, null, today, [], waiting.Reason));
        }
        session.Events.Append(round.Id, round.Version + 1, confirmed);
        return confirmed;
    }

    private static HoldReason HoldReason(RoundEntry entry, Explanation explanation)
    {
        var facility = FacilityId(explanation.FacilityId);
        return new HoldReason(facility, Rank(entry, facility), JsonNamingPolicy.CamelCase.ConvertName(explanation.Code.ToString()), explanation.CutoffScore, explanation.DecidingStep);
    }

    private static int Rank(RoundEntry entry, Guid facility) => entry.DesiredFacilities.ToList().IndexOf(facility) + 1;

    private static Guid FacilityId(string key) => Guid.ParseExact(key, "N");

    private static string ResultHash(AllocationResult result)
    {
        var canonical = string.Join("\n", result.Assignments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
