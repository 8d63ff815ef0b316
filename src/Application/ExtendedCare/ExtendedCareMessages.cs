using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Application.ExtendedCare;

/// <summary>(Re)determine one contract's 延長保育料 for a range of months; months that cannot be computed yet are skipped.</summary>
public sealed record DetermineExtendedCareFees(Guid ContractId, DateOnly FromMonth, DateOnly ToMonth, ExtendedCareFeeReason Reason);

/// <summary>
/// The month's 延長保育料 run for every contract of its 年度 (idempotent: unchanged fees append nothing). Run it after the month's
/// 利用者負担額 (<c>DetermineMonthlyFees</c>), whose determinations give the households' 階層.
/// </summary>
public sealed record DetermineMonthlyExtendedCareFees(DateOnly Month);
