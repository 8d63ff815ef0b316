using KosodateShien.Application.Demo;
using KosodateShien.Application.Seeding;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Domain.Facilities;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wolverine;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>
/// A seeded demo ward comes with this month's fees (every running placement and every 月額 延長保育 contract is charged, with its
/// basis) and this month's 給付費 claims (every paid facility, priced with the sample 単価表, its lines adding up to its amount).
/// </summary>
public sealed class DemoWardFeeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const int Seed = 7;
    private static readonly DemoSize Size = new(300);

    [Fact]
    public async Task every_running_placement_and_monthly_extended_care_contract_has_this_months_fee_and_every_paid_facility_its_claim()
    {
        var generated = DemoDataGenerator.Generate(Seed, Clock.Today, CertificationRuleSet.Default, Size);
        generated.ExtendedCareNumbersUsed.ShouldBeGreaterThan(0, "the seed should give the small ward some 延長保育");
        using (var scope = Host.Services.CreateScope())
            (await DemoSeeder.SeedIfEmptyAsync(Store, scope.ServiceProvider.GetRequiredService<IMessageBus>(), Clock, Seed, NullLogger.Instance,
                CancellationToken.None, Size)).ShouldBeTrue();
        var month = generated.PlacementMonth;

        await using var session = Store.QuerySession();
        var end = month.AddMonths(1).AddDays(-1);
        var running = await session.Query<Placement>().Where(p => p.StartsOn <= end && (p.EndsOn == null || p.EndsOn >= month)).ToListAsync();
        running.ShouldNotBeEmpty();
        var list = await Api.GetJson($"/api/fees/monthly-list?month={month:yyyy-MM-dd}", ApiClient.Clerk);
        list.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("placementId").GetGuid()).Order()
            .ShouldBe(running.Select(p => p.Id).Order());

        var sample = running.OrderBy(p => p.ContractNumber).First();
        var history = await Api.GetJson($"/api/children/{sample.ChildId}/fees", ApiClient.Auditor);
        var determination = history.EnumerateArray().Last(e => e.GetProperty("month").GetString() == $"{month:yyyy-MM-dd}");
        determination.GetProperty("basis").GetProperty("basis").GetProperty("ruleSet").GetString().ShouldBe("national");
        determination.GetProperty("basis").GetProperty("basis").GetProperty("steps").GetArrayLength().ShouldBeGreaterThan(0);
        determination.GetProperty("userName").GetString().ShouldBe("system:monthly-fee-run");

        var contracts = await session.Query<ExtendedCareContract>().ToListAsync();
        contracts.Count.ShouldBe((int)generated.ExtendedCareNumbersUsed);
        var monthly = contracts.Where(c => c.FeeSystem == ExtendedCareFeeSystem.Monthly).Select(c => c.Id).Order().ToList();
        var extended = await Api.GetJson($"/api/extended-care/monthly-fees?month={month:yyyy-MM-dd}", ApiClient.Clerk);
        // 日額 contracts start this month and wait for its 利用実績; every 月額 one is charged now.
        extended.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("contractId").GetGuid()).Order().ShouldBe(monthly);

        var paid = (await session.Query<Domain.Facilities.Facility>().ToListAsync()).Where(f => f.CategoryOn(month)?.Payment() is not null).Select(f => f.Id).Order().ToList();
        var claims = await session.Query<Domain.FacilityPayments.FacilityClaim>().Where(c => c.Month == month).ToListAsync();
        claims.Select(c => c.FacilityId).Order().ShouldBe(paid);
        claims.ShouldAllBe(c => c.Latest.Lines.Sum(l => l.Amount) == c.Latest.Amount && c.PreparedBy == DemoSeeder.SeedUser);
        claims.Sum(c => c.Latest.Children.Count).ShouldBe(running.Count(p => paid.Contains(p.FacilityId)));
    }
}
