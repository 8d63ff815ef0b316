using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.FacilityPayments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.FacilityPayments;

/// <summary>
/// A new version of the 給付費の支払基準 (how the 公定価格 becomes a month's payment). Versions are never edited: publish a new
/// one with a later 適用開始日.
/// </summary>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="Proration">日割の基準: openingDays (開所日数), calendarDays (暦日数) or fixed25 (固定25日)</param>
/// <param name="ChildRoundDownTo">日割額の端数処理 per child (1 = 1円未満切捨て)</param>
/// <param name="FeeRoundDownTo">利用者負担額 日割の端数処理 (10 = 10円未満切捨て)</param>
/// <param name="PerChildRoundDownTo">施設単位の加算 per child of the 1st-day roster: 端数処理</param>
/// <param name="TreatmentRoundDownTo">処遇改善等加算 (単価 × 加算率): 端数処理</param>
/// <param name="ExitDay">退所日の扱い: lastEnrolledDay (最終在籍日まで) or dayBeforeExit (退所日の前日まで)</param>
/// <param name="FirstDayRosterPaysFullMonth">初日在籍児童は月額 (a child on the 1st-day roster who leaves is paid the whole month)</param>
/// <param name="ExemptChildren">副食費徴収免除加算: onFirstDay (初日在籍のみ) or anyDay</param>
/// <param name="Calendar">開所日: 開所曜日, 国民の祝日・休日 (every date), 年末年始 (12/29–1/3) closed</param>
/// <param name="PaymentDay">支払日 (day of the month after the service month)</param>
/// <param name="ProvisionalPayment">概算払 on the 1st-day roster, 精算 in the next payment</param>
/// <param name="MunicipalityCode">全国地方公共団体コード of the paying municipality (6 digits)</param>
public sealed record PublishFacilityPaymentRulesRequest(
    DateOnly EffectiveFrom,
    string Description,
    ProrationBasis Proration,
    int ChildRoundDownTo,
    int FeeRoundDownTo,
    int PerChildRoundDownTo,
    int TreatmentRoundDownTo,
    ExitDayRule ExitDay,
    bool FirstDayRosterPaysFullMonth,
    ExemptChildCount ExemptChildren,
    OpeningCalendar Calendar,
    int PaymentDay,
    bool ProvisionalPayment,
    string MunicipalityCode) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("description", Description, 200);
        if (Calendar is null) { errors.Add("calendar", "is required."); return; }
        if (Calendar.Holidays is null || Calendar.Weekdays is null) { errors.Add("calendar", "must give weekdays and holidays."); return; }
        if (Calendar.Holidays.Count > 2000) errors.Add("calendar.holidays", "must list at most 2000 dates.");
        foreach (var (field, message) in Draft(0, null, null).Problems()) errors.Add(field, message);
    }

    public FacilityPaymentRuleSet Draft(int version, string? publishedBy, DateTimeOffset? publishedAt) =>
        new(FacilityPaymentRuleSet.DocumentId(version), version, EffectiveFrom, Description.Trim(), Proration, ChildRoundDownTo, FeeRoundDownTo, PerChildRoundDownTo,
            TreatmentRoundDownTo, ExitDay, FirstDayRosterPaysFullMonth, ExemptChildren, Calendar with { Holidays = [.. Calendar.Holidays.Order()] }, PaymentDay,
            ProvisionalPayment, MunicipalityCode?.Trim() ?? "", publishedBy, publishedAt);
}

/// <summary>The published version (支払基準 履歴番号) and its 適用開始日.</summary>
public sealed record FacilityPaymentRulesPublished(string Id, int Version, DateOnly EffectiveFrom) : CreationResponse("/api/facility-payments/rule-sets");

public static class FacilityPaymentRuleEndpoints
{
    /// <summary>All versions of the 給付費の支払基準, oldest first.</summary>
    [Tags("FacilityPayments 給付費")]
    [Authorize(Policy = Policies.ReadRules)]
    [WolverineGet("/api/facility-payments/rule-sets", OperationId = "ListFacilityPaymentRuleSets")]
    public static Task<IReadOnlyList<FacilityPaymentRuleSet>> List(IQuerySession session, CancellationToken ct) => session.FacilityPaymentRuleVersionsAsync(ct);

    /// <summary>Publish a new version of the 給付費の支払基準; months from its 適用開始日 are paid with it.</summary>
    [Tags("FacilityPayments 給付費")]
    [Authorize(Policy = Policies.ManageRules)]
    [WolverinePost("/api/facility-payments/rule-sets", OperationId = "PublishFacilityPaymentRuleSet")]
    public static async Task<FacilityPaymentRulesPublished> Publish(PublishFacilityPaymentRulesRequest request, IDocumentSession session, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var rules = request.Draft(RuleSetVersions.NextVersion(await session.FacilityPaymentRuleVersionsAsync(ct), request.EffectiveFrom), user.Identity?.Name,
            clock.GetUtcNow());
        // Insert, not store: an existing id (a concurrent publish of the same version) fails instead of overwriting.
        session.Insert(rules);
        return new FacilityPaymentRulesPublished(rules.Id, rules.Version, rules.EffectiveFrom);
    }
}
