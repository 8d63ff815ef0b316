using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>開所日・開所時間 from a date.</summary>
/// <param name="Days">開所曜日 (e.g. ["monday", …, "saturday"])</param>
/// <param name="Opens">開所時刻 (HH:mm)</param>
/// <param name="Closes">閉所時刻 (HH:mm)</param>
/// <param name="ShortHours">時短 (open less than the 保育標準時間 of 11 hours)</param>
/// <param name="ExtendedCare">延長保育実施</param>
/// <param name="EffectiveFrom">適用開始年月日</param>
public sealed record ChangeOpeningScheduleRequest(IReadOnlyList<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes, bool ShortHours, bool ExtendedCare, DateOnly EffectiveFrom,
    int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Days.Count == 0) errors.Add("days", "must name at least one day.");
        else if (Days.Count > 7 || Days.Distinct().Count() != Days.Count) errors.Add("days", "must name each day at most once.");
        errors.Date("effectiveFrom", EffectiveFrom);
        errors.Version(Version);
    }
}

public static class ChangeOpeningScheduleEndpoint
{
    /// <summary>
    /// Set a facility's 開所日 (曜日), 開所時間, 時短 and 延長保育実施 from a date (the 公定価格 uses them for 日割 and 開所時間 減算).
    /// </summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/opening-schedule", OperationId = "ChangeFacilityOpeningSchedule")]
    public static (UpdatedAggregate, Events) Post(ChangeOpeningScheduleRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).ChangeOpeningSchedule(
            new OpeningSchedule(request.Days, request.Opens, request.Closes, request.ShortHours, request.ExtendedCare), request.EffectiveFrom)]));
}
