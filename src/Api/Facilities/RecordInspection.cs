using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>指導監査: 検査, 勧告 or 命令.</summary>
/// <param name="Kind">種類 (inspection: 検査, recommendation: 勧告, order: 命令)</param>
/// <param name="Date">実施年月日 (勧告・命令: その年月日)</param>
/// <param name="Summary">概要</param>
/// <param name="DueDate">期限 (勧告・命令 only)</param>
public sealed record RecordInspectionRequest(InspectionKind Kind, DateOnly Date, string Summary, int Version, DateOnly? DueDate = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Date("date", Date);
        errors.Date("dueDate", DueDate);
        errors.Required("summary", Summary, 1000);
        errors.Version(Version);
    }
}

public static class RecordInspectionEndpoint
{
    /// <summary>Record a 指導監査 of a facility: a 検査 (not in the future), or a 勧告・命令 with its 期限.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/inspections", OperationId = "RecordFacilityInspection")]
    public static (UpdatedAggregate, Events) Post(RecordInspectionRequest request, [WriteAggregate] Facility facility, TimeProvider clock)
    {
        var current = facility.AtVersion(request.Version);
        DateChecks.NotInFuture(request.Date, clock, "date");
        return (new UpdatedAggregate(), new Events([current.RecordInspection(new Inspection(request.Kind, request.Date, request.Summary.Trim(), request.DueDate))]));
    }
}
