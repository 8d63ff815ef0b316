using KosodateShien.Domain.Contracts;

namespace KosodateShien.Application.Contracts;

/// <summary>Recompute a household's fees for a range of months (after a placement starts or ends, or a fact changes).</summary>
public sealed record DetermineHouseholdFees(Guid HouseholdId, DateOnly FromMonth, DateOnly ToMonth, FeeChangeReason Reason);

/// <summary>The month's routine run for every placement (9月切替 in September, クラス進級 in April).</summary>
public sealed record DetermineMonthlyFees(DateOnly Month);

/// <summary>A person's 課税情報 for a 年度 was recorded or corrected (税更正): recompute the months it decides.</summary>
public sealed record TaxYearChanged(Guid PersonId, int FiscalYear);
