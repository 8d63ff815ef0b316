using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
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
        // from and to are required and from 1900 on (ParameterChecks): the five years the schedule looks back (時効) fit.
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

    /// <summary>
    /// 滞納状況: every payer owing something past 納期限 at the end of <c>asOf</c> (today by default), by days past 納期限
    /// (1–30, 31–90, 91–365, 366–1095, 1096 and more), with 件数 and 最古納期限; the largest debts first, at most <c>limit</c>
    /// lines (100 by default, up to 1000); the totals cover every payer.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/arrears-aging", OperationId = "GetArrearsAging")]
    public static Task<ArrearsAgingReport> ArrearsAging(DateOnly? asOf, int? limit, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (limit is < 1 or > 1000) throw new InvalidRequestException("limit", "must be from 1 to 1000.");
        return session.ArrearsAgingAsync(asOf ?? clock.TodayJst(), limit ?? 100, ct);
    }

    /// <summary>
    /// 収納率 of a 年度 (調定額, 収納額, 不納欠損額, 収入未済額, 還付未済額) for 現年度分, 滞納繰越分 and in total, and by month
    /// from April to the end of the 出納整理期間 (31 May of the next year: receipts booked by then, by 日計日, count for the
    /// 年度). The figures stand at the end of <c>asOf</c> (today by default), or at 出納閉鎖日 when later. Per section:
    /// 調定額 = 収納額 + 不納欠損額 + 収入未済額.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/collection-rate", OperationId = "GetCollectionRate")]
    public static Task<CollectionRateReport> CollectionRate(int fiscalYear, DateOnly? asOf, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (fiscalYear is < 2000 or > 2100) throw new InvalidRequestException("fiscalYear", "must be a 年度 between 2000 and 2100.");
        return session.CollectionRateAsync(fiscalYear, asOf ?? clock.TodayJst(), ct);
    }

    /// <summary>
    /// 督促状発行一覧: every 督促状 issued from <c>from</c> to <c>to</c> with 徴収番号, 納入義務者, 科目, 賦課年月, 納期限, 発行日,
    /// 指定期限, 督促手数料, 未納額 on the issue day and today, and whether it was paid in full by the 指定期限; with totals.
    /// </summary>
    [Tags("Collection 納付管理")]
    [Authorize(Policy = Policies.ReadRecords)]
    [WolverineGet("/api/reports/dunning", OperationId = "GetDunningList")]
    public static Task<DunningList> Dunning(DateOnly from, DateOnly to, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (to < from) throw new InvalidRequestException("to", "must not be before from.");
        return session.DunningListAsync(from, to, clock.TodayJst(), ct);
    }
}
