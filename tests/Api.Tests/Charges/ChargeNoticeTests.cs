using System.Text.Json;
using KosodateShien.Application.Charges;
using Wolverine.Tracking;

namespace KosodateShien.Api.Tests.Charges;

/// <summary>The monthly run hands each payer's charges per 科目 to collection, once, and again only when they change.</summary>
public sealed class ChargeNoticeTests(AppFixture fixture) : IntegrationContext(fixture)
{
    // Born 2025-06-20: 3号 1歳児 in 年度2027 (副食費 is part of the fee, so only 利用者負担額 is charged).
    private static readonly DateOnly Birth = new(2025, 6, 20);
    private static readonly DateOnly April = AllocationScenarios.April2027;

    private async Task<JsonElement> Notices(DateOnly month, string role = ApiClient.Finance) => await Api.GetJson($"/api/charge-notices?month={month:yyyy-MM-dd}", role);

    private async Task<IReadOnlyList<ChargeReadyForCollection>> Run(DateOnly month)
    {
        var tracked = await Host.ExecuteAndWaitAsync(async () => await Api.PostJson("/api/fees/monthly-runs", new { month }, 200, ApiClient.Finance));
        // The month's run hands its notices over in batches.
        var messages = tracked.AllRecordsInOrder().Select(r => r.Message).ToList();
        return [.. messages.OfType<ChargesReadyForCollection>().SelectMany(b => b.Notices).Concat(messages.OfType<ChargeReadyForCollection>()).DistinctBy(m => (m.NoticeId, m.Revision))];
    }

    [Fact]
    public async Task the_monthly_run_notifies_the_payers_fee_once_and_a_rerun_notifies_nothing()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        Clock.Today = new DateOnly(2027, 4, 10);

        var sent = await Run(April);

        var fee = (await Api.GetJson($"/api/placements/{placed.PlacementId}", ApiClient.Auditor)).GetProperty("fees")[0].GetProperty("fee").GetInt64();
        var message = sent.ShouldHaveSingleItem();
        message.PayerId.ShouldBe(placed.Family.Family.MotherId);
        message.Amount.ShouldBe(fee);
        message.Revision.ShouldBe(1);
        var list = await Notices(April);
        var notice = list.GetProperty("notices").EnumerateArray().ShouldHaveSingleItem();
        notice.GetProperty("subject").GetString().ShouldBe("userFee");
        notice.GetProperty("amount").GetInt64().ShouldBe(fee);
        notice.GetProperty("lines")[0].GetProperty("childId").GetGuid().ShouldBe(placed.Family.Family.ChildId);
        list.GetProperty("totals")[0].GetProperty("amount").GetInt64().ShouldBe(fee);

        (await Run(April)).ShouldBeEmpty();
        var history = await Api.GetJson($"/api/charge-notices/{message.NoticeId}/history", ApiClient.Auditor);
        history.EnumerateArray().Select(e => e.GetProperty("label").GetString()).ShouldBe([$"賦課通知 2027-04 利用者負担額: {fee:N0}円"]);
    }

    [Fact]
    public async Task a_tax_correction_revises_the_notice_with_the_amount_it_replaces_without_rerunning_the_month()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        Clock.Today = new DateOnly(2027, 4, 10);
        var first = (await Run(April)).Single();

        // 税更正 of 年度2026 for the mother: 50,000 → 60,000, so the household's 105,000 is 国第5階層 for April.
        var tracked = await Host.TaxCorrected(Api, placed.Family.Family, 2026, 60_000, "扶養控除の更正");

        var revised = tracked.AllRecordsInOrder().Select(r => r.Message).OfType<ChargeReadyForCollection>().DistinctBy(m => (m.NoticeId, m.Revision)).ShouldHaveSingleItem();
        revised.NoticeId.ShouldBe(first.NoticeId);
        revised.Revision.ShouldBe(2);
        revised.Replaces.ShouldBe(first.Amount);
        revised.Amount.ShouldBeGreaterThan(first.Amount);
        var corrected = (await Api.GetJson($"/api/placements/{placed.PlacementId}", ApiClient.Auditor)).GetProperty("fees")[0].GetProperty("fee").GetInt64();
        revised.Amount.ShouldBe(corrected);
        (await Notices(April)).GetProperty("notices")[0].GetProperty("revision").GetInt32().ShouldBe(2);
        (await Run(April)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_tax_correction_that_changes_no_fee_sends_nothing_to_collection()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        Clock.Today = new DateOnly(2027, 4, 10);
        await Run(April);

        // 50,000 → 50,500: the household stays in 国第4階層, so no fee and no notice changes.
        var tracked = await Host.TaxCorrected(Api, placed.Family.Family, 2026, 50_500, "寄附金控除の更正");

        tracked.AllRecordsInOrder().Select(r => r.Message).OfType<ChargeReadyForCollection>().ShouldBeEmpty();
        (await Notices(April)).GetProperty("notices")[0].GetProperty("revision").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task an_extended_care_contract_is_charged_to_the_same_payer_as_soon_as_its_fee_is_determined()
    {
        var placed = await Host.PlacedInApril(Api, Birth);
        var june = new DateOnly(2027, 6, 1);
        Clock.Today = new DateOnly(2027, 6, 10);
        await Run(june);
        var id = (await Api.PostJson("/api/extended-care", new
        {
            placementId = placed.PlacementId, appliedOn = new DateOnly(2027, 5, 20), requestedFrom = june, feeSystem = "monthly", timeBand = "18:15〜19:15", reason = "勤務終了 18:00",
        }, 201)).GetProperty("id").GetGuid();
        await Api.PostJson($"/api/extended-care/{id}/decision", new { decidedOn = new DateOnly(2027, 5, 25), approve = true, version = 1 }, 200, ApiClient.Supervisor);

        var tracked = await Host.ExecuteAndWaitAsync(async () => await Api.PostJson($"/api/extended-care/{id}/contract", new { contractDate = new DateOnly(2027, 5, 28), version = 2 }));

        var fee = (await Api.GetJson($"/api/extended-care/{id}/fees?month=2027-06-01", ApiClient.Auditor)).EnumerateArray().Last().GetProperty("fee").GetInt64();
        fee.ShouldBeGreaterThan(0);
        var sent = tracked.AllRecordsInOrder().Select(r => r.Message).OfType<ChargeReadyForCollection>().DistinctBy(m => (m.NoticeId, m.Revision)).ShouldHaveSingleItem();
        sent.Subject.ShouldBe(Domain.Charges.ChargeSubject.ExtendedCareFee);
        sent.Amount.ShouldBe(fee);
        sent.PayerId.ShouldBe(placed.Family.Family.MotherId);
        var subjects = (await Notices(june)).GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("subject").GetString()).ToList();
        subjects.ShouldBe(["userFee", "extendedCareFee"], ignoreOrder: true);
        (await Run(june)).ShouldBeEmpty();
    }

    [Fact]
    public async Task notices_are_listed_by_month_and_only_for_those_who_read_records()
    {
        await Api.Get("/api/charge-notices?month=2027-04-15", 400, ApiClient.Finance);
        await Api.Get("/api/charge-notices?month=2027-04-01", 403, ApiClient.FacilityLiaison);
        (await Notices(April, ApiClient.Auditor)).GetProperty("notices").GetArrayLength().ShouldBe(0);
    }
}
