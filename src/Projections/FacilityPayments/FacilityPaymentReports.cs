using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using Marten;

namespace KosodateShien.Projections.FacilityPayments;

/// <summary>One facility's month in the 施設別月別支払額: 概算 and 確定 as approved, their difference, what was paid.</summary>
/// <param name="Provisional">概算額 (the first approved 概算, or null)</param>
/// <param name="Confirmed">確定額 (the latest approved 確定, or null)</param>
/// <param name="Difference">精算差額 (確定 − 概算, when both)</param>
/// <param name="Treatment">うち処遇改善等加算 (of the latest revision)</param>
public sealed record FacilityMonthPayment(DateOnly Month, long? Provisional, long? Confirmed, long? Difference, long Approved, long Paid, long Treatment);

/// <summary>施設別月別支払額 and 年度精算 of one facility for a 年度.</summary>
/// <param name="Unpaid">未払額 (approved, in no batch)</param>
/// <param name="RefundDue">返還額 (paid more than is now owed: to net against a later payment or to claim back)</param>
public sealed record FacilityYearPayments(Guid FacilityId, string FacilityNumber, string FacilityName, IReadOnlyList<FacilityMonthPayment> Months, long Approved,
    long Paid, long Treatment, long Unpaid, long RefundDue);

/// <summary>The 年度's 給付費 by facility and month (施設別月別支払額, 年度精算, 処遇改善等加算 totals).</summary>
public sealed record FacilityPaymentsReport(int FiscalYear, IReadOnlyList<FacilityYearPayments> Facilities, long Approved, long Paid, long Treatment, long Unpaid,
    long RefundDue);

/// <summary>A claim with an amount left open: 未払 (positive) or 返還 (negative).</summary>
public sealed record OpenClaimAmount(Guid ClaimId, Guid FacilityId, string FacilityNumber, DateOnly Month, long Approved, long Paid, long Scheduled, long Open);

public static class FacilityPaymentReports
{
    public static async Task<FacilityPaymentsReport> YearAsync(this IQuerySession session, int fiscalYear, CancellationToken ct)
    {
        var from = new DateOnly(fiscalYear, 4, 1);
        var to = new DateOnly(fiscalYear + 1, 3, 1);
        var claims = await session.Query<FacilityClaim>().Where(c => c.Month >= from && c.Month <= to).ToListAsync(ct);
        var facilities = (await session.LoadManyAsync<Facility>(ct, claims.Select(c => c.FacilityId).Distinct())).ToDictionary(f => f.Id);
        var rows = claims.GroupBy(c => c.FacilityId)
            .Select(g =>
            {
                var months = g.OrderBy(c => c.Month).Select(Month).ToList();
                var open = g.Sum(c => c.Unscheduled);
                var facility = facilities.GetValueOrDefault(g.Key);
                return new FacilityYearPayments(g.Key, facility?.FacilityNumber ?? "", facility?.Name ?? "", months, months.Sum(m => m.Approved), months.Sum(m => m.Paid),
                    months.Sum(m => m.Treatment), g.Where(c => c.Unscheduled > 0).Sum(c => c.Unscheduled), -g.Where(c => c.Unscheduled < 0).Sum(c => c.Unscheduled));
            })
            .OrderBy(r => r.FacilityNumber, StringComparer.Ordinal)
            .ToList();
        return new FacilityPaymentsReport(fiscalYear, rows, rows.Sum(r => r.Approved), rows.Sum(r => r.Paid), rows.Sum(r => r.Treatment), rows.Sum(r => r.Unpaid),
            rows.Sum(r => r.RefundDue));
    }

    /// <summary>The claims whose approved amount is not matched by what was paid or scheduled (what a payment batch takes).</summary>
    public static async Task<IReadOnlyList<FacilityClaim>> ClaimsWithOpenAmountsAsync(this IQuerySession session, CancellationToken ct) =>
        [.. (await session.Query<FacilityClaim>().Where(c => c.ApprovedAmount != 0 || c.PaidAmount != 0).ToListAsync(ct)).Where(c => c.Unscheduled != 0)];

    /// <summary>未払・返還 list: every claim whose approved amount is not matched by what was paid or scheduled.</summary>
    public static async Task<IReadOnlyList<OpenClaimAmount>> OpenAmountsAsync(this IQuerySession session, CancellationToken ct)
    {
        var claims = await session.ClaimsWithOpenAmountsAsync(ct);
        var facilities = (await session.LoadManyAsync<Facility>(ct, claims.Select(c => c.FacilityId).Distinct())).ToDictionary(f => f.Id);
        return [.. claims.Select(c => new OpenClaimAmount(c.Id, c.FacilityId, facilities.GetValueOrDefault(c.FacilityId)?.FacilityNumber ?? "", c.Month, c.ApprovedAmount,
                c.PaidAmount, c.ScheduledAmount, c.Unscheduled))
            .OrderBy(o => o.FacilityNumber, StringComparer.Ordinal).ThenBy(o => o.Month)];
    }

    private static FacilityMonthPayment Month(FacilityClaim c)
    {
        long? provisional = c.Approvals.FirstOrDefault(a => a.Stage == ClaimStage.Provisional)?.Amount;
        long? confirmed = c.Approvals.LastOrDefault(a => a.Stage == ClaimStage.Confirmed)?.Amount;
        return new FacilityMonthPayment(c.Month, provisional, confirmed, provisional is { } p && confirmed is { } f ? f - p : null, c.ApprovedAmount, c.PaidAmount,
            c.Latest.Children.Sum(x => x.Treatment));
    }
}
