using KosodateShien.Application.Certification;
using Marten;
using Wolverine.Tracking;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Tests.Certification;

public sealed class AgeThreeChangeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2024-05-10: reaches 3 (満3歳に達する日) on 2027-05-09 → 3号 until 2027-05-08, 2号 from 2027-05-09.
    private static readonly DateOnly Birth = new(2024, 5, 10);

    [Fact]
    public async Task approving_a_3go_child_schedules_the_change_to_2go_on_the_day_they_reach_three()
    {
        var family = await Api.RegisteredFamily(Birth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));

        var tracked = await Host.ExecuteAndWaitAsync(async () => await Api.Approved(id, version));

        var scheduled = tracked.Scheduled.SingleMessage<ChangeCategoryAtAgeThree>();
        scheduled.CertificationId.ShouldBe(id);
        scheduled.ChangeDate.ShouldBe(new DateOnly(2027, 5, 9));
        tracked.Scheduled.SingleEnvelope<ChangeCategoryAtAgeThree>().ScheduledTime!.Value.ShouldBe(new DateTimeOffset(2027, 5, 9, 0, 0, 0, TimeSpan.FromHours(9)));

        Clock.Today = new DateOnly(2027, 5, 9);
        await tracked.PlayScheduledMessagesAsync(TimeSpan.FromSeconds(30));

        var details = await Api.GetJson($"/api/certifications/{id}");
        var certification = details.GetProperty("certification");
        certification.GetProperty("category").GetString().ShouldBe("2");
        certification.GetProperty("validFrom").GetString().ShouldBe("2027-05-09");
        certification.GetProperty("validTo").GetString().ShouldBe("2031-03-31");
        certification.GetProperty("historyNumber").GetInt32().ShouldBe(2);
        var last = details.GetProperty("history").EnumerateArray().Last();
        last.GetProperty("label").GetString().ShouldBe("満3歳到達による認定区分変更 (3号→2号)");
    }

    [Fact]
    public async Task delivered_early_it_changes_nothing_and_reschedules_and_a_second_delivery_is_harmless()
    {
        var family = await Api.RegisteredFamily(Birth);
        var (id, version) = await Api.Applied(family, new DateOnly(2027, 4, 1), Scenarios.Employment(family, 160, 160));
        await Api.Approved(id, version);
        var message = new ChangeCategoryAtAgeThree(id, new DateOnly(2027, 5, 9));

        Clock.Today = new DateOnly(2027, 5, 8);
        var early = await Host.InvokeMessageAndWaitAsync(message);
        early.Scheduled.SingleMessage<ChangeCategoryAtAgeThree>().CertificationId.ShouldBe(id);

        Clock.Today = new DateOnly(2027, 5, 10);
        await Host.InvokeMessageAndWaitAsync(message);
        await Host.InvokeMessageAndWaitAsync(message);

        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        events.Count(e => e.Data is Domain.Certification.CertificationCategoryChangedAtAgeThree).ShouldBe(1);
        (await session.LoadAsync<CertificationState>(id))!.Category.ShouldBe(Domain.Certification.CertificationCategory.Category2);
    }
}
