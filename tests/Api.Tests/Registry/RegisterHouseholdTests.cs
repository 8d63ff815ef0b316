using System.Text.Json;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Api.Tests.Registry;

public sealed class RegisterHouseholdTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly ChildBirth = new(2025, 5, 10);

    [Fact]
    public async Task registering_a_household_creates_its_members_and_shows_them_on_the_household_screen()
    {
        var body = Scenarios.HouseholdBody(ChildBirth);
        var created = await Api.PostJson("/api/households", body, 201);

        created.GetProperty("version").GetInt32().ShouldBe(4); // registered + three members joined
        var members = created.GetProperty("members").EnumerateArray().ToList();
        members.Count.ShouldBe(3);
        var sent = JsonSerializer.SerializeToElement(body);
        members[0].GetProperty("personNumber").GetString().ShouldBe(sent.GetProperty("members")[0].GetProperty("personNumber").GetString());

        var view = await Api.GetJson($"/api/households/{created.GetProperty("id").GetGuid()}", ApiClient.Auditor);
        view.GetProperty("householdNumber").GetString().ShouldBe(sent.GetProperty("householdNumber").GetString());
        view.GetProperty("members").GetArrayLength().ShouldBe(3);
        var child = view.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "child");
        child.GetProperty("birthDate").GetString().ShouldBe("2025-05-10");
        child.GetProperty("kana").GetString().ShouldBe(sent.GetProperty("members")[2].GetProperty("kana").GetString());
    }

    [Fact]
    public async Task a_second_household_with_the_same_number_is_refused_with_409_and_nothing_is_stored()
    {
        var first = await Api.RegisteredFamily(ChildBirth);
        var again = Scenarios.HouseholdBody(ChildBirth, householdNumber: first.HouseholdNumber);

        var problem = ApiClient.Json(await Api.Post("/api/households", again, 409));

        problem.GetProperty("errors").TryGetProperty("householdNumber", out _).ShouldBeTrue();
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Household>())).ShouldBe(1);
        (await Marten.QueryableExtensions.CountAsync(session.Query<Person>())).ShouldBe(3);
    }

    [Fact]
    public async Task of_two_concurrent_registrations_of_one_household_number_exactly_one_is_stored()
    {
        var number = Scenarios.NextNumber();
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("racer", "clerk")}");
            s.Post.Json(Scenarios.HouseholdBody(ChildBirth, householdNumber: number)).ToUrl("/api/households");
            s.IgnoreStatusCode();
        })));

        results.Select(r => r.Context.Response.StatusCode).Order().ShouldBe([201, 409]);
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Household>())).ShouldBe(1);
        (await Marten.QueryableExtensions.CountAsync(session.Query<Person>())).ShouldBe(3);
    }

    [Fact]
    public async Task an_unknown_household_is_404_problem_json()
    {
        var result = await Api.Get($"/api/households/{Guid.NewGuid()}", 404);
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        ApiClient.Json(result).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task a_person_number_already_registered_elsewhere_is_refused_with_409()
    {
        var body = Scenarios.HouseholdBody(ChildBirth);
        await Api.PostJson("/api/households", body, 201);
        var sent = JsonSerializer.SerializeToElement(body);
        var duplicate = new
        {
            householdNumber = Scenarios.NextNumber(),
            address = Scenarios.Address(),
            members = new[] { JsonSerializer.Deserialize<object>(sent.GetProperty("members")[0].GetRawText())! },
        };

        var problem = ApiClient.Json(await Api.Post("/api/households", duplicate, 409));

        problem.GetProperty("errors").TryGetProperty("personNumber", out _).ShouldBeTrue();
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Household>())).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"address":{"postalCode":"160-0022","address":"東京都新宿区1"},"members":[]}""", "householdNumber")]
    [InlineData("""{"householdNumber":"1234","address":{"postalCode":"1600022x","address":"東京都"},"members":[{"role":"child","relationship":"子","personNumber":"1","name":"山田 花子","kana":"ヤマダ ハナコ","birthDate":"2024-01-01","sex":"female"}]}""", "address.postalCode")]
    [InlineData("""{"householdNumber":"1234","address":{"postalCode":"160-0022","address":"東京都"},"members":[{"role":"child","relationship":"子","personNumber":"1","name":"山田 花子","kana":"やまだ はなこ","birthDate":"2024-01-01","sex":"female"}]}""", "members[0].kana")]
    [InlineData("""{"householdNumber":"1234","address":{"postalCode":"160-0022","address":"東京都"},"members":[{"role":"cousin","relationship":"子","personNumber":"1","name":"山田 花子","kana":"ヤマダ ハナコ","birthDate":"2024-01-01","sex":"female"}]}""", "members[0].role")]
    [InlineData("""{"householdNumber":"1234","address":{"postalCode":"160-0022","address":"東京都"},"members":[{"role":"child","relationship":"子","personNumber":"1","name":"山田 花子","kana":"ヤマダ ハナコ","birthDate":"2024-13-01","sex":"female"}]}""", "members[0].birthDate")]
    [InlineData("""{"householdNumber":"1234","address":{"postalCode":"160-0022","address":"東京都"},"members":[{"role":"child","relationship":"子","personNumber":"1","name":"山田 花子","kana":"ヤマダ ハナコ","sex":"female"}]}""", "members[0].birthDate")]
    [InlineData("""{"householdNumber":"1234","address":{"postalCode":"160-0022","address":"東京都"},"members":[],"isAdmin":true}""", "isAdmin")]
    public async Task invalid_bodies_answer_400_naming_the_field_and_store_nothing(string json, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {Fixture.Token("test-clerk", "clerk")}");
            s.Post.RawJson(json).ToUrl("/api/households");
            s.StatusCodeShouldBe(400);
        });

        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        var problem = ApiClient.Json(result);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldContain(e => e.Equals(field, StringComparison.OrdinalIgnoreCase), $"errors were: {string.Join(", ", errors)}");
        problem.GetRawText().ShouldNotContain("   at ");
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Household>())).ShouldBe(0);
    }

    [Fact]
    public async Task a_birth_date_in_the_future_is_refused_with_422()
    {
        var body = Scenarios.HouseholdBody(TestClock.DefaultToday.AddDays(1));
        var problem = ApiClient.Json(await Api.Post("/api/households", body, 422));
        problem.GetProperty("rule").GetString().ShouldBe("registry.birth-in-future");
        problem.GetProperty("errors").TryGetProperty("members[2].birthDate", out _).ShouldBeTrue();
    }
}
