using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Charges;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>
/// 延長保育利用実績 for a month: 利用日数 and 利用回数 (default: the days). A month already on record is corrected only with a
/// 訂正事由; the correction supersedes the record, which stays in the history.
/// </summary>
/// <param name="Month">the month (YYYY-MM-01)</param>
/// <param name="DaysUsed">利用日数</param>
/// <param name="Uses">利用回数 (日単位 is charged per use; default: 利用日数)</param>
/// <param name="CorrectionReason">訂正事由 (required to change a month already on record)</param>
/// <param name="RecordedOn">登録年月日 (default: today)</param>
public sealed record RecordExtendedCareUsageRequest(DateOnly Month, int DaysUsed, int Version, int? Uses = null, string? CorrectionReason = null,
    DateOnly? RecordedOn = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        if (Month.Day != 1) errors.Add("month", "must be the first day of a month (YYYY-MM-01).");
        errors.Range("daysUsed", DaysUsed, 0, 31);
        if (Uses is { } uses) errors.Range("uses", uses, 0, 100);
        errors.Optional("correctionReason", CorrectionReason, 500);
    }
}

public static class RecordExtendedCareUsageEndpoint
{
    /// <summary>Record (or correct) a month's 利用実績; the month's 延長保育料 is determined again at once (更正 when it changes).</summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/extended-care/{id}/usage", OperationId = "RecordExtendedCareUsage")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> Record(RecordExtendedCareUsageRequest request,
        [WriteAggregate(VersionSource = ExtendedCareVersioning.CheckedAfterLoad)] ExtendedCareContract contract, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        contract.AtVersion(request.Version);
        var recordedOn = request.RecordedOn ?? clock.TodayJst();
        DateChecks.NotInFuture(recordedOn, clock, "recordedOn");
        if (contract.RecordUsage(request.Month, request.DaysUsed, request.Uses, recordedOn, request.CorrectionReason) is not { } recorded)
            return (new UpdatedAggregate(), new Events([]), new OutgoingMessages());
        var state = ExtendedCareContract.Evolve(contract, recorded)!;
        var reason = recorded is ExtendedCareUsageCorrected ? ExtendedCareFeeReason.UsageCorrection : ExtendedCareFeeReason.Usage;
        var fees = await ExtendedCareFeeDeterminations.DetermineAsync(state, request.Month, request.Month, reason, new ExtendedCareFeeContext(session), ct);
        return (new UpdatedAggregate(), new Events([recorded, .. fees]), ChargeFollowUp.After(contract.HouseholdId, fees.Select(f => f.Month)));
    }
}
