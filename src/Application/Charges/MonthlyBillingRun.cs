using KosodateShien.Application.Contracts;
using KosodateShien.Application.ExtendedCare;
using Wolverine;

namespace KosodateShien.Application.Charges;

/// <summary>
/// The month's run, in order: 利用者負担額 for every placement, 延長保育料 for every extended-care contract (it needs the
/// 階層 the first step decided), then the charges per payer × 科目 handed to collection. Each
/// step is idempotent, so the whole run is safe to repeat.
/// </summary>
public static class MonthlyBillingRun
{
    /// <summary>How long a run started by hand (HTTP, demo seeding) may take before the caller gives up waiting.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(IMessageBus bus, DateOnly month, TimeSpan timeout, CancellationToken ct)
    {
        await bus.InvokeAsync(new DetermineMonthlyFees(month), ct, timeout);
        await bus.InvokeAsync(new DetermineMonthlyExtendedCareFees(month), ct, timeout);
        await bus.InvokeAsync(new IssueChargeNotices(month), ct, timeout);
    }
}
