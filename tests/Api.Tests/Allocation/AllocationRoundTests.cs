using System.Text.Json;

namespace KosodateShien.Api.Tests.Allocation;

public sealed class AllocationRoundTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20: 1歳児 class in 年度2027 (age on 2027-03-31 is 1).
    private static readonly DateOnly OneYearClass = new(2025, 6, 20);

    [Fact]
    public async Task a_round_runs_end_to_end_and_every_application_ends_with_an_outcome_and_its_reasons()
    {
        var first = await Api.RegisteredFacility(aprilVacancies: new { age1 = 1 });
        var second = await Api.RegisteredFacility(aprilVacancies: new { age1 = 1 });
        // 基準指数 (default criteria): 160h → 20, 100h → 15, 72h → 12.
        var x = await Api.CertifiedFamily(OneYearClass, 160, 160);   // 40
        var y = await Api.CertifiedFamily(OneYearClass, 100, 160);   // 35
        var z = await Api.CertifiedFamily(OneYearClass, 72, 160);    // 32
        var (xApp, _) = await Api.AppliedForPlacement(x, [first, second]);
        var (yApp, _) = await Api.AppliedForPlacement(y, [first, second]);
        var (zApp, _) = await Api.AppliedForPlacement(z, [first, second]);

        var (roundId, inputs, run) = await Api.RanRound();

        inputs.GetProperty("candidates").GetInt32().ShouldBe(3);
        inputs.GetProperty("seats").GetInt32().ShouldBe(2);
        run.GetProperty("summary").GetProperty("placed").GetInt32().ShouldBe(2);
        run.GetProperty("summary").GetProperty("stable").GetBoolean().ShouldBeTrue();

        var runId = run.GetProperty("runId").GetGuid();
        var result = (await Api.GetJson($"/api/allocation/rounds/{roundId}/runs/{runId}", ApiClient.Auditor)).GetProperty("result");
        result.GetProperty("check").GetProperty("blockingCoalitions").GetInt32().ShouldBe(0);
        var firstCutoff = result.GetProperty("cutoffs").EnumerateArray().Single(c => c.GetProperty("facilityId").GetString() == first.ToString("N") && c.GetProperty("ageClass").GetInt32() == 1);
        firstCutoff.GetProperty("cutoffScore").GetDecimal().ShouldBe(40);

        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId, version = 3 }, 200, ApiClient.Supervisor);

        var xAfter = await Api.GetJson($"/api/applications/{xApp}");
        xAfter.GetProperty("status").GetString().ShouldBe("offered");
        xAfter.GetProperty("lastOutcome").GetProperty("facilityId").GetGuid().ShouldBe(first);
        xAfter.GetProperty("lastOutcome").GetProperty("preferenceRank").GetInt32().ShouldBe(1);
        xAfter.GetProperty("lastScore").GetProperty("score").GetProperty("total").GetDecimal().ShouldBe(40);

        var yAfter = await Api.GetJson($"/api/applications/{yApp}");
        yAfter.GetProperty("lastOutcome").GetProperty("facilityId").GetGuid().ShouldBe(second);
        yAfter.GetProperty("lastOutcome").GetProperty("preferenceRank").GetInt32().ShouldBe(2);

        var zAfter = await Api.GetJson($"/api/applications/{zApp}");
        zAfter.GetProperty("status").GetString().ShouldBe("onHold");
        var reasons = zAfter.GetProperty("lastOutcome").GetProperty("reasons").EnumerateArray().ToList();
        reasons.Select(r => (r.GetProperty("facilityId").GetGuid(), r.GetProperty("preferenceRank").GetInt32(), r.GetProperty("code").GetString()))
            .ShouldBe([(first, 1, "cutoff"), (second, 2, "cutoff")]);
        reasons.Select(r => r.GetProperty("cutoffScore").GetDecimal()).ShouldBe([40m, 35m]);
    }

    [Fact]
    public async Task explanations_never_name_another_family_and_agree_with_the_cutoffs()
    {
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age1 = 1 });
        var winner = await Api.CertifiedFamily(OneYearClass, 160, 160);
        var loser = await Api.CertifiedFamily(OneYearClass, 100, 160);
        await Api.AppliedForPlacement(winner, [facility]);
        var (loserApp, _) = await Api.AppliedForPlacement(loser, [facility]);

        var (roundId, _, run) = await Api.RanRound();
        var text = (await Api.Get($"/api/allocation/rounds/{roundId}/runs/{run.GetProperty("runId").GetGuid()}", 200, ApiClient.Auditor)).ReadAsText();
        var result = JsonDocument.Parse(text).RootElement.GetProperty("result");

        var loserKey = loserApp.ToString("N");
        var explanations = result.GetProperty("explanations").EnumerateArray().ToList();
        explanations.ShouldAllBe(e => e.GetProperty("childId").GetString() == loserKey);
        foreach (var e in explanations)
            e.GetProperty("ownScore").GetDecimal().ShouldBeLessThan(e.GetProperty("cutoffScore").GetDecimal());
        explanations.ShouldAllBe(e => e.GetProperty("blockingChildId").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task siblings_who_want_the_same_facility_only_get_it_together_or_not_at_all()
    {
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age0 = 1, age1 = 1 });
        var family = await Api.CertifiedFamily(OneYearClass, 160, 160);
        var baby = Scenarios.Member(Domain.Registry.HouseholdRole.Child, Domain.Registry.Sex.Female, new DateOnly(2026, 5, 1), "子");
        var added = await Api.PostJson($"/api/households/{family.Family.HouseholdId}/members",
            new { members = new[] { baby }, version = family.Family.HouseholdVersion, reason = "birth", effectiveDate = new DateOnly(2026, 5, 1) });
        var babyId = added.GetProperty("members")[0].GetProperty("personId").GetGuid();
        var babyFamily = family.Family with { ChildId = babyId };
        var (certId, certVersion) = await Api.Applied(babyFamily, AllocationScenarios.April2027, Scenarios.Employment(babyFamily, 160, 160));
        await Api.Approved(certId, certVersion);
        var (olderApp, _) = await Api.AppliedForPlacement(family, [facility]);
        var (babyApp, _) = await Api.AppliedForPlacement(new CertifiedFamily(babyFamily, certId), [facility]);
        await Api.PostJson("/api/applications/siblings", new
        {
            members = new[] { new { applicationId = olderApp, version = 1 }, new { applicationId = babyApp, version = 1 } },
            option = "sameFacilityOnly",
        });

        var (roundId, inputs, run) = await Api.RanRound();

        inputs.GetProperty("households").GetInt32().ShouldBe(1);
        run.GetProperty("summary").GetProperty("placed").GetInt32().ShouldBe(2);
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);
        (await Api.GetJson($"/api/applications/{babyApp}")).GetProperty("lastOutcome").GetProperty("facilityId").GetGuid().ShouldBe(facility);
        (await Api.GetJson($"/api/applications/{olderApp}")).GetProperty("lastOutcome").GetProperty("facilityId").GetGuid().ShouldBe(facility);
    }

    [Fact]
    public async Task a_transfer_keeps_its_seat_when_the_wished_facility_is_full_and_the_freed_seat_chain_works()
    {
        var current = await Api.RegisteredFacility(aprilVacancies: new { age1 = 0 });
        var wished = await Api.RegisteredFacility(aprilVacancies: new { age1 = 1 });
        var mover = await Api.CertifiedFamily(OneYearClass, 160, 160);       // 40: gets the wished seat
        var newcomer = await Api.CertifiedFamily(OneYearClass, 100, 160);    // 35: takes the seat the mover frees
        var (moverApp, _) = await Api.AppliedForPlacement(mover, [wished], kind: "transfer", currentFacilityId: current);
        var (newApp, _) = await Api.AppliedForPlacement(newcomer, [wished, current]);

        var (roundId, _, run) = await Api.RanRound();
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);

        (await Api.GetJson($"/api/applications/{moverApp}")).GetProperty("lastOutcome").GetProperty("facilityId").GetGuid().ShouldBe(wished);
        var placed = (await Api.GetJson($"/api/applications/{newApp}")).GetProperty("lastOutcome");
        placed.GetProperty("facilityId").GetGuid().ShouldBe(current);
        placed.GetProperty("preferenceRank").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task applications_without_a_valid_certification_are_refused_and_pending_ones_are_held_for_a_later_round()
    {
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age1 = 2 });
        var cancelled = await Api.CertifiedFamily(OneYearClass);
        var (cancelledApp, _) = await Api.AppliedForPlacement(cancelled, [facility]);
        await Api.PostJson($"/api/certifications/{cancelled.CertificationId}/cancellation", new { date = TestClock.DefaultToday, reason = "転出", version = 2 }, 200, ApiClient.Supervisor);
        var pendingFamily = await Api.RegisteredFamily(OneYearClass);
        var (pendingCert, _) = await Api.Applied(pendingFamily, AllocationScenarios.April2027, Scenarios.Employment(pendingFamily, 160, 160));
        var (pendingApp, _) = await Api.AppliedForPlacement(new CertifiedFamily(pendingFamily, pendingCert), [facility]);

        var (roundId, inputs, run) = await Api.RanRound();
        inputs.GetProperty("refused").GetInt32().ShouldBe(1);
        inputs.GetProperty("heldOver").GetInt32().ShouldBe(1);
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);

        var refused = await Api.GetJson($"/api/applications/{cancelledApp}");
        refused.GetProperty("status").GetString().ShouldBe("refused");
        refused.GetProperty("lastOutcome").GetProperty("reason").GetString()!.ShouldContain("保育認定");
        var pending = await Api.GetJson($"/api/applications/{pendingApp}");
        pending.GetProperty("status").GetString().ShouldBe("onHold");
        pending.GetProperty("lastOutcome").GetProperty("reason").GetString()!.ShouldContain("審査中");
    }

    [Fact]
    public async Task runs_are_kept_and_can_be_compared_before_one_is_confirmed()
    {
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age1 = 1 });
        await Api.AppliedForPlacement(await Api.CertifiedFamily(OneYearClass, 160, 160), [facility]);
        await Api.AppliedForPlacement(await Api.CertifiedFamily(OneYearClass, 100, 160), [facility]);
        var (roundId, _, firstRun) = await Api.RanRound();
        var secondRun = await Api.PostJson($"/api/allocation/rounds/{roundId}/runs", new { version = 3 }, 200, ApiClient.Supervisor);

        secondRun.GetProperty("runNumber").GetInt32().ShouldBe(2);
        secondRun.GetProperty("resultHash").GetString().ShouldBe(firstRun.GetProperty("resultHash").GetString());
        var comparison = await Api.GetJson($"/api/allocation/rounds/{roundId}/comparison?first={firstRun.GetProperty("runId")}&second={secondRun.GetProperty("runId")}", ApiClient.Auditor);
        comparison.GetProperty("sameInput").GetBoolean().ShouldBeTrue();
        comparison.GetProperty("differences").GetArrayLength().ShouldBe(0);
        comparison.GetProperty("placedFirst").GetInt32().ShouldBe(1);
        (await Api.GetJson($"/api/allocation/rounds/{roundId}", ApiClient.Auditor)).GetProperty("runs").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task round_steps_keep_their_order_and_versions()
    {
        var round = await Api.PostJson("/api/allocation/rounds", new { name = "2027年4月一次", targetMonth = AllocationScenarios.April2027 }, 201, ApiClient.Supervisor);
        var id = round.GetProperty("id").GetGuid();

        ApiClient.Json(await Api.Post($"/api/allocation/rounds/{id}/runs", new { version = 1 }, 422, ApiClient.Supervisor)).GetProperty("rule").GetString().ShouldBe("round.not-ready");
        await Api.PostJson($"/api/allocation/rounds/{id}/inputs", new { version = 1 }, 200, ApiClient.Supervisor);
        await Api.Post($"/api/allocation/rounds/{id}/inputs", new { version = 1 }, 409, ApiClient.Supervisor);
        ApiClient.Json(await Api.Post($"/api/allocation/rounds/{id}/confirm", new { runId = Guid.NewGuid(), version = 2 }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("round.unknown-run");
        await Api.Post($"/api/allocation/rounds/{Guid.NewGuid()}/inputs", new { version = 1 }, 404, ApiClient.Supervisor);
        ApiClient.Json(await Api.Post("/api/allocation/rounds", new { name = "x", targetMonth = new DateOnly(2027, 4, 2) }, 422, ApiClient.Supervisor))
            .GetProperty("rule").GetString().ShouldBe("round.month");
    }

    [Fact]
    public async Task a_declined_offer_can_rejoin_the_waiting_list_and_the_waiting_children_report_counts_the_unplaced()
    {
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age1 = 1 });
        var winner = await Api.CertifiedFamily(OneYearClass, 160, 160);
        var loser = await Api.CertifiedFamily(OneYearClass, 100, 160);
        var (winnerApp, _) = await Api.AppliedForPlacement(winner, [facility]);
        await Api.AppliedForPlacement(loser, [facility]);
        var (roundId, _, run) = await Api.RanRound();
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);

        var report = await Api.GetJson("/api/reports/waiting-children?date=2027-04-01", ApiClient.Auditor);
        report.GetProperty("onHold").GetProperty("total").GetInt32().ShouldBe(1);
        report.GetProperty("waiting").GetProperty("byAgeClass")[1].GetInt32().ShouldBe(1);

        var offered = await Api.GetJson($"/api/applications/{winnerApp}");
        var declined = await Api.PostJson($"/api/applications/{winnerApp}/declination",
            new { date = TestClock.DefaultToday, reason = "転居のため", rejoin = true, version = offered.GetProperty("version").GetInt32() });
        declined.GetProperty("status").GetString().ShouldBe("onHold");
        (await Api.GetJson("/api/reports/waiting-children?date=2027-04-01")).GetProperty("onHold").GetProperty("total").GetInt32().ShouldBe(2);
    }
}
