using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>施設類型 from a date (the first one, or a change).</summary>
/// <param name="Category">施設類型</param>
/// <param name="EffectiveFrom">適用開始年月日</param>
public sealed record AssignFacilityCategoryRequest(FacilityCategory Category, DateOnly EffectiveFrom, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Date("effectiveFrom", EffectiveFrom);
        errors.Version(Version);
    }
}

/// <summary>地域区分 for a 年度 (April–March); a later one for the same 年度 replaces it.</summary>
/// <param name="FiscalYear">年度</param>
/// <param name="Category">地域区分 (特別区: 20/100)</param>
public sealed record AssignRegionCategoryRequest(int FiscalYear, RegionCategory Category, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (DateChecks.FiscalYearOutOfRange(FiscalYear, "fiscalYear") is { } message) errors.Add("fiscalYear", message);
        errors.Version(Version);
    }
}

public static class AssignFacilityCategoryEndpoints
{
    /// <summary>
    /// Assign a facility's 施設類型 (as the 公定価格 knows it) from a date, or change it. It must fit the facility's kind
    /// (施設・事業所の種類, kept as it is for 利用調整): a 小規模保育事業A型 cannot be a 保育所.
    /// </summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/category", OperationId = "AssignFacilityCategory")]
    public static (UpdatedAggregate, Events) Category(AssignFacilityCategoryRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).AssignCategory(request.Category, request.EffectiveFrom)]));

    /// <summary>Set a facility's 地域区分 for a 年度.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/region-categories", OperationId = "AssignRegionCategory")]
    public static (UpdatedAggregate, Events) RegionCategory(AssignRegionCategoryRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).AssignRegionCategory(request.FiscalYear, request.Category)]));
}
