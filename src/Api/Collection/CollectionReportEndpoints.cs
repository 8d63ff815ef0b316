using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Projections.Collection;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Collection;

public static class CollectionReportEndpoints
{
    /// <summary>時効予定一覧: charges still owing whose 時効 completes from <c>from</c> to <c>to</c>, with amount and the latest 更新.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/prescriptions", OperationId = "GetPrescriptionSchedule")]
    public static Task<PrescriptionSchedule> Prescriptions(DateOnly from, DateOnly to, IQuerySession session, CancellationToken ct)
    {
        if (to < from) throw new InvalidRequestException("to", "must not be before from.");
        return session.PrescriptionScheduleAsync(from, to, ct);
    }

    /// <summary>不納欠損の報告 for a 年度: 件数 and 金額 by 科目 and 事由.</summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/write-offs", OperationId = "GetWriteOffReport")]
    public static Task<WriteOffReport> WriteOffs(int fiscalYear, IQuerySession session, CancellationToken ct)
    {
        if (fiscalYear is < 2000 or > 2100) throw new InvalidRequestException("fiscalYear", "must be a 年度 between 2000 and 2100.");
        return session.WriteOffReportAsync(fiscalYear, ct);
    }
}
