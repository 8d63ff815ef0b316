using System.Diagnostics;
using System.Net;
using Alba;
using KosodateShien.Domain.Contracts;
using Marten;
using Xunit.Abstractions;

namespace KosodateShien.Api.Tests.Contracts;

/// <summary>RELIABILITY C2: 利用定員 is a cross-stream invariant that holds under parallel placements.</summary>
public sealed class PlacementConcurrencyTests(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private const int Children = 200;
    private const int FreePlaces = 10;
    private static readonly DateOnly April = AllocationScenarios.April2027;

    [Fact]
    public async Task two_hundred_parallel_placements_into_ten_free_places_accept_exactly_ten()
    {
        // A 1歳児 class of 12 with two children already in it: ten places free on 1 April 2027.
        var facility = await Api.RegisteredFacility(capacity: new { age0 = 3, age1 = FreePlaces + 2, age2 = 3, age3 = 0, age4 = 0, age5 = 0 });
        var earlier = new List<Guid>();
        foreach (var child in await CertifiedChildren(2))
            earlier.Add((await Api.PostJson("/api/placements", Body(child, facility), 201)).GetProperty("id").GetGuid());
        var children = await CertifiedChildren(Children);

        // Half of them carry an Idempotency-Key, so they run in the key's outer transaction.
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(children.Select((child, i) => Place(Body(child, facility), i % 2 == 0 ? Guid.NewGuid().ToString() : null)));
        clock.Stop();
        output.WriteLine($"{Children} parallel placements answered in {clock.ElapsedMilliseconds} ms");

        var statuses = answers.Select(a => a.Status).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(FreePlaces);
        statuses.Count(s => s == HttpStatusCode.UnprocessableEntity).ShouldBe(Children - FreePlaces);
        answers.Where(a => a.Status == HttpStatusCode.UnprocessableEntity).ShouldAllBe(a => a.Rule == "placement.class-full");

        await using var session = Store.QuerySession();
        (await session.Query<Placement>().CountAsync(p => p.FacilityId == facility)).ShouldBe(FreePlaces + 2);
        (await session.Events.QueryRawEventDataOnly<PlacementStarted>().CountAsync(e => e.FacilityId == facility)).ShouldBe(FreePlaces + 2);
        await FeesDetermined(answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.PlacementId!.Value).Concat(earlier));
    }

    private static object Body(CertifiedFamily child, Guid facility) =>
        new { childId = child.Family.ChildId, facilityId = facility, certificationId = child.CertificationId, startsOn = April };

    /// <summary>Children born over 年度2025 (1歳児 in 年度2027), certified for 保育 from April 2027, built a batch at a time in parallel.</summary>
    private async Task<List<CertifiedFamily>> CertifiedChildren(int count)
    {
        var children = new List<CertifiedFamily>(count);
        foreach (var batch in Enumerable.Range(0, count).Chunk(25))
            children.AddRange(await Task.WhenAll(batch.Select(i => Api.CertifiedFamily(new DateOnly(2025, 4, 2).AddDays(i % 360)))));
        return children;
    }

    private async Task<(HttpStatusCode Status, string? Rule, Guid? PlacementId)> Place(object body, string? idempotencyKey)
    {
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-clerk", ApiClient.Clerk)}");
            if (idempotencyKey is not null) s.WithRequestHeader("Idempotency-Key", idempotencyKey);
            s.Post.Json(body).ToUrl("/api/placements");
            s.IgnoreStatusCode();
        });
        var status = (HttpStatusCode)result.Context.Response.StatusCode;
        var json = ApiClient.Json(result);
        return status == HttpStatusCode.Created
            ? (status, null, json.GetProperty("id").GetGuid())
            : (status, json.TryGetProperty("rule", out var rule) ? rule.GetString() : null, null);
    }

    /// <summary>Waits for the fee determinations the accepted placements send (a keyed request's run after its commit, by the scheduled-message poll).</summary>
    private async Task FeesDetermined(IEnumerable<Guid> placements)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var placement in placements)
            while ((await Api.GetJson($"/api/placements/{placement}")).GetProperty("fees").GetArrayLength() == 0)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, $"no fee determined for placement {placement}");
                await Task.Delay(250);
            }
    }
}
