using KosodateShien.Application.Demo;
using KosodateShien.Application.Seeding;
using KosodateShien.Domain.Allocation.Applications;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine;

namespace KosodateShien.Api.Tests.Allocation;

/// <summary>A whole April round on a small generated ward (this test seeds it; it does not rely on the service's demo data).</summary>
public sealed class DemoWardRoundTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task every_application_of_the_round_ends_with_an_outcome_and_an_explanation()
    {
        using (var scope = Host.Services.CreateScope())
            (await DemoSeeder.SeedIfEmptyAsync(Store, scope.ServiceProvider.GetRequiredService<IMessageBus>(), Clock, 7, NullLogger.Instance,
                CancellationToken.None, new DemoSize(300))).ShouldBeTrue();

        var (roundId, inputs, run) = await Api.RanRound();
        inputs.GetProperty("candidates").GetInt32().ShouldBeGreaterThan(50);
        run.GetProperty("summary").GetProperty("stable").GetBoolean().ShouldBeTrue();
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);

        await using var session = Store.QuerySession();
        var applications = await session.Query<PlacementApplication>().Where(a => a.DesiredStartMonth == AllocationScenarios.April2027).ToListAsync();
        applications.Count.ShouldBeGreaterThan(50);
        foreach (var application in applications)
        {
            application.LastOutcome.ShouldNotBeNull($"{application.ApplicationNumber} has no outcome");
            application.LastOutcome.RoundId.ShouldBe(roundId);
            switch (application.Status)
            {
                case PlacementApplicationStatus.Offered:
                    application.LastOutcome.FacilityId.ShouldNotBeNull();
                    application.DesiredFacilities.ShouldContain(application.LastOutcome.FacilityId!.Value);
                    break;
                case PlacementApplicationStatus.OnHold:
                    (application.LastOutcome.Reasons.Count > 0 || application.LastOutcome.Reason is not null).ShouldBeTrue($"{application.ApplicationNumber} is on hold without a reason");
                    application.LastOutcome.Reasons.Select(r => r.FacilityId).ShouldAllBe(f => application.DesiredFacilities.Contains(f));
                    break;
                case PlacementApplicationStatus.Refused:
                    application.LastOutcome.Reason.ShouldNotBeNullOrWhiteSpace();
                    break;
                default:
                    throw new ShouldAssertException($"{application.ApplicationNumber} ended {application.Status}");
            }
        }
        applications.ShouldContain(a => a.Status == PlacementApplicationStatus.Offered);
        applications.ShouldContain(a => a.Status == PlacementApplicationStatus.OnHold);
    }
}
