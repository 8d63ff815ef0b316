using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>
/// One certification stream per child for about 90% of children, in a drawn <see cref="CertificationScenario"/>.
/// Every event comes from the <see cref="CertificationState"/> decision methods and <see cref="CertificationAssessment"/>;
/// the daily 満3歳 batch (<see cref="CertificationState.ChangeAtAgeThree"/>) runs before each later step and on <c>today</c>.
/// A case the rules refuse, or that does not fit the child, is dropped and another drawn; its numbers are given back.
/// </summary>
internal sealed class DemoCertificationGenerator
{
    private const int DrawsPerChild = 3;

    private readonly DemoRandom _random;
    private readonly DemoNumberSequences _numbers;
    private readonly CertificationRuleSet _rules;
    private readonly DateOnly _today;
    private readonly DemoApplications _applications;
    private readonly DemoCertifiedLifecycle _lifecycle;
    private int _postponementsLeft;

    public DemoCertificationGenerator(DemoRandom random, DemoNumberSequences numbers, CertificationRuleSet rules, DateOnly today, DemoSize size)
    {
        (_random, _numbers, _rules, _today) = (random, numbers, rules, today);
        var needs = new DemoCareNeeds(random, rules, today);
        _applications = new DemoApplications(random, needs, rules, today);
        _lifecycle = new DemoCertifiedLifecycle(random, numbers, needs, rules);
        _postponementsLeft = size.Households >= 2000 ? 2 : 1;
    }

    /// <returns>the certification as it stands today, or null if the child has none</returns>
    public CertificationState? Generate(DemoFamily family, DemoPerson child, ICollection<DemoStream> streams)
    {
        if (!_random.Chance(CertificationScenarios.ChildrenWithCertification)) return null;

        foreach (var scenario in Candidates(family))
        {
            var mark = _numbers.Mark();
            var postpone = scenario == CertificationScenario.Overdue && _postponementsLeft > 0;
            try
            {
                var stream = Build(scenario, family, child, postpone);
                foreach (var @event in stream.State.ChangeAtAgeThree(_today)) stream.Append(@event);
                if (postpone) _postponementsLeft--;
                streams.Add(stream.ToStream());
                return stream.State;
            }
            catch (Exception e) when (e is DomainRuleException or DemoScenarioInfeasibleException)
            {
                _numbers.Rewind(mark);
            }
        }
        return null;
    }

    private IEnumerable<CertificationScenario> Candidates(DemoFamily family)
    {
        var weights = family.MovedOutOn is null ? CertificationScenarios.Resident : CertificationScenarios.MovedOut;
        for (var i = 0; i < DrawsPerChild; i++) yield return _random.Weighted(weights);
        if (family.MovedOutOn is not null) yield break;
        yield return CertificationScenario.AwaitingDecision;
        yield return CertificationScenario.AwaitingDocuments;
    }

    private DemoStreamBuilder<CertificationState> Build(CertificationScenario scenario, DemoFamily family, DemoPerson child, bool postpone) => scenario switch
    {
        CertificationScenario.AwaitingDocuments => AwaitingDocuments(family, child),
        CertificationScenario.AwaitingDecision => AwaitingDecision(family, child, oldestDays: _rules.DecisionDeadlineDays - _rules.NearDeadlineDays - 1, newestDays: 0, postpone: false),
        CertificationScenario.NearDeadline => AwaitingDecision(family, child, oldestDays: _rules.DecisionDeadlineDays - 1, newestDays: _rules.DecisionDeadlineDays - _rules.NearDeadlineDays, postpone: false),
        CertificationScenario.Overdue => AwaitingDecision(family, child, oldestDays: _rules.DecisionDeadlineDays + 15, newestDays: _rules.DecisionDeadlineDays + 1, postpone),
        CertificationScenario.Rejected => Rejected(family, child),
        CertificationScenario.Withdrawn => Withdrawn(family, child, latest: _today, withdrawnOn: null, DemoCertificationTexts.WithdrawalReasons),
        CertificationScenario.WithdrawnOnMoveOut => Withdrawn(family, child, latest: family.MovedOutOn!.Value.AddDays(-1), withdrawnOn: family.MovedOutOn, [DemoCertificationTexts.MoveOutWithdrawal]),
        _ => Approved(scenario, family, child),
    };

    private DemoStreamBuilder<CertificationState> AwaitingDocuments(DemoFamily family, DemoPerson child)
    {
        var applied = _random.Date(Later(_applications.EarliestApplication(child), _today.AddDays(-25)), _today);
        var missingAtApplication = _random.Chance(0.65);
        var stream = _applications.Apply(family, child, applied, missingDocuments: missingAtApplication ? _random.Int(1, 2) : 0);
        var lastDate = applied;
        if (!missingAtApplication)
        {
            lastDate = _random.Date(applied, Earlier(applied.AddDays(5), _today));
            var documents = _applications.MissingDocuments(stream.State.Needs, _random.Int(1, 2));
            stream.Append(stream.State.RecordMissingDocuments(documents, lastDate));
        }
        if (stream.State.MissingDocuments.Count > 1 && _random.Chance(0.4))
        {
            stream.Append(stream.State.ReceiveDocuments([stream.State.MissingDocuments[0]], _random.Date(lastDate, _today)));
        }
        return stream;
    }

    /// <summary>A complete application made between <paramref name="oldestDays"/> and <paramref name="newestDays"/> days ago, not yet decided.</summary>
    private DemoStreamBuilder<CertificationState> AwaitingDecision(DemoFamily family, DemoPerson child, int oldestDays, int newestDays, bool postpone)
    {
        var applied = _random.Date(Later(_applications.EarliestApplication(child), _today.AddDays(-oldestDays)), _today.AddDays(-newestDays));
        var stream = _applications.Apply(family, child, applied, missingDocuments: applied < _today && _random.Chance(0.3) ? 1 : 0);
        ReceiveAll(stream, applied, Earlier(applied.AddDays(10), _today));
        if (postpone)
        {
            var noticeDate = _random.Date(applied.AddDays(_rules.DecisionDeadlineDays - 10), Earlier(stream.State.DecisionDueDate.AddDays(-1), _today));
            stream.Append(stream.State.Postpone(noticeDate, applied.AddDays(_rules.DecisionDeadlineDays * 2), DemoCertificationTexts.Postponement));
        }
        return stream;
    }

    private DemoStreamBuilder<CertificationState> Rejected(DemoFamily family, DemoPerson child)
    {
        var earliest = _applications.EarliestApplication(child);
        if (_random.Chance(0.65))
        {
            var applied = _random.Date(earliest, _today.AddDays(-5));
            var stream = _applications.Apply(family, child, applied, requireCare: true, needsKind: DemoNeeds.BelowMinimumHours);
            var decided = _random.Date(applied.AddDays(5), Earlier(applied.AddDays(_rules.DecisionDeadlineDays - 1), _today));
            RequireBelowMinimumHours(stream.State, family, child);
            stream.Append(stream.State.Reject(decided, DemoCertificationTexts.BelowMinimumHoursRejection(_rules)));
            return stream;
        }

        var appliedLacking = _random.Date(earliest, _today.AddDays(-_rules.DecisionDeadlineDays - 5));
        var lacking = _applications.Apply(family, child, appliedLacking, missingDocuments: _random.Int(1, 2));
        var rejectedOn = _random.Date(appliedLacking.AddDays(_rules.DecisionDeadlineDays), Earlier(appliedLacking.AddDays(_rules.DecisionDeadlineDays + 15), _today));
        lacking.Append(lacking.State.Reject(rejectedOn, DemoCertificationTexts.MissingDocumentsRejection(lacking.State.MissingDocuments)));
        return lacking;
    }

    private DemoStreamBuilder<CertificationState> Withdrawn(DemoFamily family, DemoPerson child, DateOnly latest, DateOnly? withdrawnOn, IReadOnlyList<string> reasons)
    {
        var applied = _random.Date(Later(_applications.EarliestApplication(child), latest.AddDays(-25)), latest.AddDays(-1));
        var stream = _applications.Apply(family, child, applied, missingDocuments: _random.Chance(0.3) ? 1 : 0);
        var withdrawn = withdrawnOn ?? _random.Date(applied.AddDays(1), Earlier(applied.AddDays(25), latest));
        stream.Append(stream.State.Withdraw(withdrawn, _random.Pick(reasons)));
        return stream;
    }

    /// <summary>Approved, 認定証 issued, then what the scenario adds up to its horizon (today, or the 取消).</summary>
    private DemoStreamBuilder<CertificationState> Approved(CertificationScenario scenario, DemoFamily family, DemoPerson child)
    {
        var movedOutOn = scenario == CertificationScenario.CancelledOnMoveOut ? family.MovedOutOn : null;
        var latestDecision = movedOutOn?.AddDays(-5) ?? _today;
        var applied = _random.Date(_applications.EarliestApplication(child), latestDecision.AddDays(-5));
        var stream = _applications.Apply(family, child, applied, requireCare: scenario == CertificationScenario.Changed,
            missingDocuments: _random.Chance(0.2) ? _random.Int(1, 2) : 0);
        var complete = ReceiveAll(stream, applied, Earlier(applied.AddDays(14), latestDecision));
        var decided = _random.Date(Later(complete, applied.AddDays(3)), Earlier(applied.AddDays(_rules.DecisionDeadlineDays - 2), latestDecision));

        var state = stream.State;
        var assessment = CertificationAssessment.Assess(
            new AssessmentRequest(child.BirthDate, state.StartDate, state.DesiredTo, state.WantsNurseryCare, state.Needs, family.GuardianIds), _rules);
        stream.Append(state.Approve(decided, _numbers.NextCertificationNumber(decided), assessment));

        var horizon = movedOutOn
            ?? (scenario == CertificationScenario.Cancelled ? _random.Date(decided.AddDays(14), _today) : _today);
        var issued = _random.Date(decided, Earlier(decided.AddDays(7), horizon));
        var timeline = new DemoTimeline<CertificationState>();
        _lifecycle.IssueCertificate(timeline, issued);
        if (scenario == CertificationScenario.Changed)
        {
            _lifecycle.PlanChange(timeline, stream.State, family, child, Later(decided.AddDays(30), issued.AddDays(1)), horizon);
        }
        _lifecycle.PlanAgeThreeReissue(timeline, stream.State, child, horizon);
        _lifecycle.PlanLostCertificate(timeline, issued, horizon);
        _lifecycle.PlanStatusReport(timeline, issued, horizon);
        if (movedOutOn is { } moveOut)
        {
            _lifecycle.PlanCancellation(timeline, moveOut, DemoCertificationTexts.MoveOutCancellation, returnShare: 0.7, _today);
        }
        else if (scenario == CertificationScenario.Cancelled)
        {
            _lifecycle.PlanCancellation(timeline, horizon, _random.Pick(DemoCertificationTexts.CancellationReasons), returnShare: 0.5, _today);
        }
        timeline.Play(stream, date => { foreach (var @event in stream.State.ChangeAtAgeThree(date)) stream.Append(@event); });
        return stream;
    }

    /// <summary>Receives every missing document on one day between the two dates; returns the day the application was complete.</summary>
    private DateOnly ReceiveAll(DemoStreamBuilder<CertificationState> stream, DateOnly after, DateOnly latest)
    {
        if (stream.State.MissingDocuments.Count == 0) return after;
        var receivedOn = _random.Date(after.AddDays(1), latest);
        stream.Append(stream.State.ReceiveDocuments([.. stream.State.MissingDocuments], receivedOn));
        return receivedOn;
    }

    /// <summary>A 却下 for too few hours must be what the rules say: the assessment refuses the needs as below the lower limit.</summary>
    private void RequireBelowMinimumHours(CertificationState state, DemoFamily family, DemoPerson child)
    {
        try
        {
            CertificationAssessment.Assess(new AssessmentRequest(child.BirthDate, state.StartDate, state.DesiredTo, state.WantsNurseryCare, state.Needs, family.GuardianIds), _rules);
        }
        catch (DomainRuleException e) when (e.Rule == "certification.below-minimum-hours")
        {
            return;
        }
        throw new DemoScenarioInfeasibleException("The needs pass the assessment, so a 却下 for too few hours would contradict the rules.");
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;
}
