using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Fees;
using KosodateShien.Domain.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Contracts;

/// <summary>A household's fee inputs for one month, and the placements that owe a fee in it.</summary>
/// <param name="PlacementByChild">the placement covering the month, per child</param>
/// <param name="Placements">every placement of the household's children (to correct months a placement no longer covers)</param>
public sealed record HouseholdFeeInputs(Guid HouseholdId, FeeHousehold Household, IReadOnlyList<FeeChild> Children, IReadOnlyDictionary<Guid, Placement> PlacementByChild,
    IReadOnlyList<Placement> Placements);

/// <summary>
/// Reads what the fee engine needs from the stored streams, as of the month's first day (各月初日): welfare status,
/// the guardians' 所得割 summed per 年度, every child of the household with its certification and whether a placement
/// covers the month (with its dates for 日割).
/// </summary>
public static class FeeFacts
{
    public static async Task<HouseholdFeeInputs?> ForHouseholdAsync(IQuerySession session, Guid householdId, DateOnly month, CancellationToken ct)
    {
        var household = await session.LoadAsync<Household>(householdId, ct);
        if (household is null) return null;
        var onFirst = month;
        var childIds = household.Members.Where(m => m.Role == HouseholdRole.Child && m.Since <= JapaneseDates.EndOfMonth(month) && (m.Until is null || m.Until >= month))
            .Select(m => m.PersonId).Distinct().ToArray();
        var guardianIds = household.Members.Where(m => m.Role == HouseholdRole.Guardian && m.Since <= onFirst && (m.Until is null || m.Until >= onFirst))
            .Select(m => m.PersonId).Distinct().ToArray();
        var fiscalYears = new[] { JapaneseDates.FiscalYearOf(month) - 1, JapaneseDates.FiscalYearOf(month) };

        var batch = session.CreateBatchQuery();
        var childrenTask = batch.LoadMany<Person>().ById(childIds);
        var taxTask = batch.LoadMany<TaxYear>().ById([.. guardianIds.SelectMany(g => fiscalYears.Select(y => TaxYear.StreamId(g, y)))]);
        var certificationsTask = batch.Query<CertificationState>().Where(c => childIds.Contains(c.ChildId)).ToList();
        var placementsTask = batch.Query<Placement>().Where(p => childIds.Contains(p.ChildId)).ToList();
        var reductionsTask = batch.Query<FeeReduction>().Where(r => childIds.Contains(r.ChildId) && r.Status == FeeReductionStatus.Granted).ToList();
        await batch.Execute(ct);

        var taxYears = (await taxTask).ToList();
        var feeTaxYears = fiscalYears
            .Select(y => (Year: y, Records: taxYears.Where(t => t.FiscalYear == y).ToList()))
            .Where(y => y.Records.Count == guardianIds.Length && guardianIds.Length > 0)
            .Select(y => new HouseholdTaxYear(y.Year, y.Records.Sum(r => r.IncomeLevy), y.Records.All(r => r.NonTaxable)))
            .ToList();
        bool Welfare(WelfareKind kind) => household.Welfare.Any(w => w.Kind == kind && w.CoversDate(onFirst));
        var feeHousehold = new FeeHousehold(Welfare(WelfareKind.PublicAssistance), Welfare(WelfareKind.SingleParent), Welfare(WelfareKind.HomeDisability), feeTaxYears);

        var certifications = (await certificationsTask).ToLookup(c => c.ChildId);
        var allPlacements = await placementsTask;
        var placements = allPlacements.Where(p => p.CoversMonth(month)).GroupBy(p => p.ChildId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.StartsOn).First());
        var reductions = (await reductionsTask).Where(r => r.AppliesTo(month)).ToLookup(r => r.ChildId);
        var children = new List<FeeChild>();
        foreach (var child in await childrenTask)
        {
            var certification = certifications[child.Id].Select(c => c.PeriodInMonth(month)).OfType<CertifiedPeriod>().MaxBy(p => p.From);
            placements.TryGetValue(child.Id, out var placement);
            var enrollment = placement is not null
                ? placement.ServiceKind == ServiceKind.Education ? Enrollment.Kindergarten : Enrollment.Nursery
                : JapaneseDates.SchoolEntryDate(child.BirthDate) <= onFirst ? Enrollment.School : Enrollment.None;
            children.Add(new FeeChild(child.Id.ToString("N"), child.BirthDate, certification?.Category, certification?.CareLevel, enrollment,
                placement?.StartsOn, placement?.EndsOn, [.. reductions[child.Id].Select(r => new FeeWaiver($"{r.Kind} {r.Number}", r.Numerator, r.Denominator))]));
        }
        return new HouseholdFeeInputs(householdId, feeHousehold, children, placements, allPlacements);
    }
}
