using KosodateShien.Api.Auth;
using KosodateShien.Projections.Allocation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Allocation;

public static class WaitingChildrenEndpoint
{
    /// <summary>
    /// 待機児童 / 保留児童 by クラス年齢 on a reference date (the national surveys use April 1 and October 1). Counts only: no
    /// personal data. <c>countParentalLeave=true</c> keeps 育児休業中 applicants in the 待機児童 count.
    /// </summary>
    [Tags("Reports 帳票")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/waiting-children", OperationId = "GetWaitingChildrenReport")]
    public static Task<WaitingChildrenReport> Get(DateOnly date, bool? countParentalLeave, IQuerySession session, CancellationToken ct) =>
        session.WaitingChildrenAsync(date, countParentalLeave ?? false, ct);
}
