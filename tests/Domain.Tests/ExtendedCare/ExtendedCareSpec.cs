using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Domain.Tests.ExtendedCare;

/// <summary>
/// Given (past events folded with <see cref="ExtendedCareContract.Evolve"/>) / when (a decision method) / then (the events and
/// the state they evolve into). A 1歳児クラス child placed from 2027-04-01 applies for extended care in 年度2027. Amounts come
/// from the shipped rules (<see cref="ExtendedCareRuleSets.Default"/>, whose XML doc gives the table).
/// </summary>
public abstract class ExtendedCareSpec
{
    protected static readonly Guid ContractId = Guid.Parse("e0000000-0000-0000-0000-000000000001");
    protected static readonly Guid ChildId = Guid.Parse("e0000000-0000-0000-0000-000000000002");
    protected static readonly Guid HouseholdId = Guid.Parse("e0000000-0000-0000-0000-000000000003");
    protected static readonly Guid PlacementId = Guid.Parse("e0000000-0000-0000-0000-000000000004");
    protected static readonly Guid FacilityId = Guid.Parse("e0000000-0000-0000-0000-000000000005");

    protected static readonly ExtendedCareRuleSet Rules = ExtendedCareRuleSets.Default;

    protected static readonly DateOnly April2027 = new(2027, 4, 1);
    protected static readonly DateOnly June2027 = new(2027, 6, 1);
    protected static readonly DateOnly AppliedOn = new(2027, 5, 20);
    protected static readonly DateOnly DecidedOn = new(2027, 5, 25);
    protected static readonly DateOnly FiscalYearEnd = new(2028, 3, 31);

    protected static Placement PlacementFrom(DateOnly startsOn, DateOnly? lastDay = null, ServiceKind kind = ServiceKind.NurseryCare, int classAge = 1)
    {
        var placement = Placement.Evolve(null, new PlacementStarted(PlacementId, "K2027000001", ChildId, HouseholdId, Guid.NewGuid(), FacilityId, null,
            PlacementSource.Direct, kind, startsOn, startsOn, startsOn, classAge))!;
        return lastDay is { } last ? Placement.Evolve(placement, new ChildLeftFacility(PlacementId, last, "転出"))! : placement;
    }

    protected static readonly Placement Placed = PlacementFrom(April2027);

    protected static ExtendedCareApplied Applied(ExtendedCareFeeSystem system = ExtendedCareFeeSystem.Monthly, DateOnly? from = null, DateOnly? until = null,
        int classAge = 1, Placement? placement = null) =>
        ExtendedCareContract.Apply(ContractId, "E2027000001", placement ?? Placed, classAge, AppliedOn, from ?? June2027, until, system, "18:15〜19:15", "勤務時間 18:00まで", Rules);

    protected static ExtendedCareContract Given(params object[] events) =>
        events.Aggregate((ExtendedCareContract?)null, ExtendedCareContract.Evolve)
        ?? throw new InvalidOperationException("The history must start with ExtendedCareApplied.");

    protected static ExtendedCareContract Then(ExtendedCareContract given, params object?[] newEvents) =>
        newEvents.OfType<object>().Aggregate((ExtendedCareContract?)given, ExtendedCareContract.Evolve)!;

    /// <summary>Applied, approved for the rest of the 年度 and contracted from <paramref name="startsOn"/> (default 2027-06-01).</summary>
    protected static ExtendedCareContract Contracted(ExtendedCareFeeSystem system, DateOnly? startsOn = null, params object[] later)
    {
        var applied = Given(Applied(system, startsOn));
        var approved = applied.Approve(DecidedOn, Placed);
        var contracted = Then(applied, approved).Contract(DecidedOn, startsOn);
        return Given([Applied(system, startsOn), approved, contracted, .. later]);
    }

    protected static TierSource Source => new(PlacementId, June2027, 3, "national", 2);

    /// <summary>A household of 国階層 <paramref name="nationalTier"/> as the month's 利用者負担額決定 recorded it.</summary>
    protected static HouseholdTier Tier(int nationalTier, int? siblingOrdinal = 1, bool publicAssistance = false, bool nonTaxable = false) =>
        new(nationalTier, $"{nationalTier}", publicAssistance, nonTaxable, siblingOrdinal, Source);

    protected static ExtendedCareFeeQuote Quote(ExtendedCareContract contract, DateOnly month, HouseholdTier tier, ExtendedCareRuleSet? rules = null) =>
        ExtendedCareFees.Quote(rules ?? Rules, new ExtendedCareFeeInput(month, contract.FeeSystem, contract.ClassAge, contract.StartsOn!.Value, contract.EndsOn!.Value,
            tier, contract.UsageFor(month)));
}
