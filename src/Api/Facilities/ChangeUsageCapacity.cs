using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>利用定員 by 認定区分; omitted ones are 0.</summary>
/// <param name="Certification1">1号認定の利用定員</param>
/// <param name="Certification2">2号認定の利用定員</param>
/// <param name="Certification3">3号認定の利用定員</param>
public sealed record UsageCapacityInput(int Certification1 = 0, int Certification2 = 0, int Certification3 = 0)
{
    public UsageCapacity ToDomain() => new(Certification1, Certification2, Certification3);
}

/// <summary>利用定員 by 認定区分 (1号, 2号, 3号) from a date.</summary>
/// <param name="Capacity">利用定員 by 認定区分</param>
/// <param name="EffectiveFrom">適用開始年月日</param>
public sealed record ChangeUsageCapacityRequest(UsageCapacityInput Capacity, DateOnly EffectiveFrom, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Range("capacity.certification1", Capacity.Certification1, 0, 1000);
        errors.Range("capacity.certification2", Capacity.Certification2, 0, 1000);
        errors.Range("capacity.certification3", Capacity.Certification3, 0, 1000);
        errors.Date("effectiveFrom", EffectiveFrom);
        errors.Version(Version);
    }
}

public static class ChangeUsageCapacityEndpoint
{
    /// <summary>
    /// Set a facility's 利用定員 by 認定区分 from a date (the 公定価格 looks its 定員区分 up with them; a 認定こども園 with its 1号
    /// and its 2・3号 定員 apart). Separate from the 利用定員 by クラス年齢 that 利用調整 uses.
    /// </summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/usage-capacity", OperationId = "ChangeFacilityUsageCapacity")]
    public static (UpdatedAggregate, Events) Post(ChangeUsageCapacityRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).ChangeUsageCapacity(request.Capacity.ToDomain(), request.EffectiveFrom)]));
}
