using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Facilities;
using KosodateShien.Projections.Contracts;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Contracts;

public static class ContractReportEndpoints
{
    /// <summary>施設の在籍児童 for a month (<c>month=YYYY-MM-01</c>): counts by 認定区分 × クラス年齢 × 保育必要量, and the enrolled children.</summary>
    [Tags("Contracts 契約・利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/facilities/{id}/roster", OperationId = "GetFacilityRoster")]
    public static async Task<FacilityRoster> Roster(Guid id, DateOnly month, IQuerySession session, CancellationToken ct)
    {
        DateChecks.RequireMonth(month);
        await session.RequireAsync<Facility>(id, "facility", ct);
        return await session.RosterAsync(id, month, ct);
    }

    /// <summary>利用者負担額一覧: every placement's fee in force for the month, with totals (<c>month=YYYY-MM-01</c>).</summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/fees/monthly-list", OperationId = "GetMonthlyFeeList")]
    public static Task<MonthlyFeeList> FeeList(DateOnly month, IQuerySession session, CancellationToken ct)
    {
        DateChecks.RequireMonth(month);
        return session.FeeListAsync(month, ct);
    }
}
