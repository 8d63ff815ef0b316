using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

/// <summary>出納閉鎖日 (31 May of the next year).</summary>
public sealed record FiscalYearClosingRequest(DateOnly ClosedOn) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
    }
}

/// <summary>What the closing carried into the next 年度: 件数 and 決算繰越調定額.</summary>
public sealed record FiscalYearClosed(int FiscalYear, DateOnly ClosedOn, int ToFiscalYear, int Carried, long Amount);

public static class FiscalYearClosingEndpoints
{
    /// <summary>
    /// 出納閉鎖 of a 年度: every charge in its books (調定年度) still unpaid in them on 31 May of the next year is carried into the
    /// next year as 滞納繰越分 (繰越年度, 繰越年月日, 決算繰越調定額); 納期限 and 時効 stay. What the books received counts by 日計日,
    /// as in the 収納率 report: a payment made by 31 May but booked after it is a receipt of the next 年度 against the carried
    /// charge. Safe to repeat: a carried charge is in the next year's books and is not carried again.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.Collect)]
    [WolverinePost("/api/fiscal-years/{year}/closing", OperationId = "CloseFiscalYear")]
    public static async Task<FiscalYearClosed> Close(int year, FiscalYearClosingRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (request.ClosedOn != Charge.ClosingDayOf(year))
            throw new InvalidRequestException("closedOn", $"The 出納閉鎖日 of 年度 {year} is {Charge.ClosingDayOf(year):yyyy-MM-dd}.");
        DateChecks.NotInFuture(request.ClosedOn, clock, "closedOn");
        var charges = await session.Query<Charge>().Where(c => c.AssessmentFiscalYear == year).ToListAsync(ct);
        long amount = 0;
        var carried = 0;
        foreach (var charge in charges)
        {
            if (charge.CarryForwardAt(year) is not { } carry) continue;
            session.Events.Append(charge.Id, charge.Version + 1, carry);
            amount += carry.Amount;
            carried++;
        }
        return new FiscalYearClosed(year, request.ClosedOn, year + 1, carried, amount);
    }
}
