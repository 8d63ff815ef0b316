using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Charges;
using KosodateShien.Application.ExtendedCare;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Projections.ExtendedCare;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.ExtendedCare;

/// <summary>A month to determine 延長保育料 for.</summary>
/// <param name="Month">the month (YYYY-MM-01)</param>
public sealed record ExtendedCareFeeMonthRequest(DateOnly Month) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (Month.Day != 1) errors.Add("month", "must be the first day of a month (YYYY-MM-01).");
    }
}

public static class ExtendedCareFeeRunEndpoints
{
    /// <summary>
    /// Determine one contract's 延長保育料 for a month now (再算定, e.g. after a 階層 change); refused with the rule when it cannot be
    /// computed yet (日単位 without 利用実績, or no 利用者負担額決定 for the month). An unchanged fee appends nothing.
    /// </summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.RunFeeJobs)]
    [WolverinePost("/api/extended-care/{id}/fees", OperationId = "DetermineExtendedCareFee")]
    public static async Task<(UpdatedAggregate, Events, OutgoingMessages)> Determine(ExtendedCareFeeMonthRequest request, [WriteAggregate] ExtendedCareContract contract,
        IDocumentSession session, CancellationToken ct)
    {
        var fees = await ExtendedCareFeeDeterminations.DetermineAsync(contract, request.Month, request.Month, ExtendedCareFeeReason.Redetermination,
            new ExtendedCareFeeContext(session), ct, strict: true);
        return (new UpdatedAggregate(), new Events([.. fees]), ChargeFollowUp.After(contract.HouseholdId, fees.Select(f => f.Month)));
    }

    /// <summary>
    /// Run a month's 延長保育料 determination for every contract (月次算定; after the month's 利用者負担額, which gives each household's
    /// 階層). Safe to repeat: unchanged fees are not determined again. Answers the month's 延長保育料一覧.
    /// </summary>
    [Tags("ExtendedCare 延長保育")]
    [Authorize(Policy = Policies.RunFeeJobs)]
    [WolverinePost("/api/extended-care/monthly-runs", OperationId = "RunMonthlyExtendedCareFees")]
    public static async Task<ExtendedCareFeeList> Run(ExtendedCareFeeMonthRequest request, IMessageBus bus, IQuerySession session, CancellationToken ct)
    {
        await bus.InvokeAsync(new DetermineMonthlyExtendedCareFees(request.Month), CancellationToken.None, MonthlyBillingRun.DefaultTimeout);
        return await session.FeeListAsync(request.Month, null, ct);
    }
}
