using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Charges;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>延長保育契約: 契約締結日 and, within the 承諾期間, 延長保育開始・終了年月日, 料金体系 and 利用時間帯 (defaults: as approved).</summary>
/// <param name="ContractDate">契約締結日</param>
/// <param name="StartsOn">延長保育開始年月日 (default: 承諾期間 開始)</param>
/// <param name="EndsOn">延長保育終了年月日 (default: 承諾期間 終了)</param>
/// <param name="FeeSystem">延長保育料金体系: monthly (月単位) or daily (日単位)</param>
/// <param name="TimeBand">利用時間帯 / 利用区分</param>
public sealed record ContractExtendedCareRequest(DateOnly ContractDate, int Version, DateOnly? StartsOn = null, DateOnly? EndsOn = null,
    ExtendedCareFeeSystem? FeeSystem = null, string? TimeBand = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Optional("timeBand", TimeBand, 50);
        if (StartsOn is { } from && EndsOn is { } until && until < from) errors.Add("endsOn", "must not be before startsOn.");
    }
}

public static class ContractExtendedCareEndpoint
{
    /// <summary>
    /// Conclude the 延長保育契約; the 延長保育料 of the months it covers up to now are determined at once (月単位; 日単位 waits for 利用実績).
    /// </summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/extended-care/{id}/contract", OperationId = "ContractExtendedCare")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> Contract(ContractExtendedCareRequest request,
        [WriteAggregate(VersionSource = ExtendedCareVersioning.CheckedAfterLoad)] ExtendedCareContract contract, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        contract.AtVersion(request.Version);
        DateChecks.NotInFuture(request.ContractDate, clock, "contractDate");
        var contracted = contract.Contract(request.ContractDate, request.StartsOn, request.EndsOn, request.FeeSystem, request.TimeBand);
        var state = ExtendedCareContract.Evolve(contract, contracted)!;
        var (from, to) = ExtendedCareFeeDeterminations.ContractedMonths(state, clock);
        var fees = await ExtendedCareFeeDeterminations.DetermineAsync(state, from, to, ExtendedCareFeeReason.Contracted, new ExtendedCareFeeContext(session), ct);
        return (new UpdatedAggregate(), new Events([contracted, .. fees]), ChargeFollowUp.After(contract.HouseholdId, fees.Select(f => f.Month)));
    }
}
