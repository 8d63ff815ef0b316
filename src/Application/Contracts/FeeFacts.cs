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
/// the guardians' 所得割 summed for the 年度 that decides the month, every child of the household with its certification and whether a placement
/// covers the month (with its dates for 日割).
/// One household or thousands cost the same two round trips: the households, then one batch for their children, the
/// guardians' tax years, the children's certifications, placements and granted reductions. The per-household jobs
/// (入所, 税更正, 減免) and the monthly run read through the same code, so they see the same facts.
/// </summary>
public static class FeeFacts
{
    public static async Task<HouseholdFeeInputs?> ForHouseholdAsync(IQuerySession session, Guid householdId, DateOnly month, CancellationToken ct) =>
        (await ForHouseholdsAsync(session, [householdId], month, ct)).SingleOrDefault();

    /// <summary>The inputs of every household found, in the order asked (unknown ids are left out).</summary>
    public static async Task<IReadOnlyList<HouseholdFeeInputs>> ForHouseholdsAsync(IQuerySession session, IReadOnlyCollection<Guid> householdIds, DateOnly month,
        CancellationToken ct)
    {
        if (householdIds.Count == 0) return [];
        var wanted = householdIds.Distinct().ToArray();
        var loaded = (await session.Query<Household>().Where(h => wanted.Contains(h.Id))
            .Select(h => new HouseholdFacts(h.Id, h.Members, h.Welfare)).ToListAsync(ct)).ToDictionary(h => h.Id);
        var households = householdIds.Distinct().Where(loaded.ContainsKey)
            .Select(id => (Household: loaded[id], Children: ChildIds(loaded[id], month), Guardians: GuardianIds(loaded[id], month)))
            .ToList();
        if (households.Count == 0) return [];

        // Only the 年度 whose tax decides the month (April–August the previous one): the engine reads no other.
        var taxFiscalYear = FeeEngine.TaxFiscalYearFor(month);
        var childIds = households.SelectMany(h => h.Children).Distinct().ToArray();
        var taxYearIds = households.SelectMany(h => h.Guardians).Distinct().Select(g => TaxYear.StreamId(g, taxFiscalYear)).ToArray();

        var batch = session.CreateBatchQuery();
        var childrenTask = batch.Query<Person>().Where(p => childIds.Contains(p.Id)).Select(p => new ChildFacts(p.Id, p.BirthDate)).ToList();
        var taxTask = batch.LoadMany<TaxYear>().ById(taxYearIds);
        var certificationsTask = batch.Query<CertificationState>().Where(c => childIds.Contains(c.ChildId)).ToList();
        var placementsTask = batch.Query<Placement>().Where(p => childIds.Contains(p.ChildId)).ToList();
        var reductionsTask = batch.Query<FeeReduction>().Where(r => childIds.Contains(r.ChildId) && r.Status == FeeReductionStatus.Granted).ToList();
        await batch.Execute(ct);

        var persons = (await childrenTask).ToDictionary(p => p.Id);
        var taxYears = (await taxTask).ToLookup(t => t.PersonId);
        var certifications = (await certificationsTask).ToLookup(c => c.ChildId);
        var placements = (await placementsTask).ToLookup(p => p.ChildId);
        var reductions = (await reductionsTask).Where(r => r.AppliesTo(month)).ToLookup(r => r.ChildId);

        return [.. households.Select(h => Assemble(h.Household, month, taxFiscalYear,
            [.. h.Children.Where(persons.ContainsKey).Select(id => persons[id])],
            [.. h.Guardians.SelectMany(g => taxYears[g])],
            certifications, [.. h.Children.SelectMany(c => placements[c])], reductions, h.Guardians.Count))];
    }

    /// <summary>Children of the household at any time in the month (a child who joins mid-month is counted for it).</summary>
    private static IReadOnlyList<Guid> ChildIds(HouseholdFacts household, DateOnly month) =>
        [.. household.Members.Where(m => m.Role == HouseholdRole.Child && m.Since <= JapaneseDates.EndOfMonth(month) && (m.Until is null || m.Until >= month))
            .Select(m => m.PersonId).Distinct()];

    /// <summary>Guardians of the household on the month's first day.</summary>
    private static IReadOnlyList<Guid> GuardianIds(HouseholdFacts household, DateOnly month) =>
        [.. household.Members.Where(m => m.Role == HouseholdRole.Guardian && m.Since <= month && (m.Until is null || m.Until >= month))
            .Select(m => m.PersonId).Distinct()];

    private static HouseholdFeeInputs Assemble(HouseholdFacts household, DateOnly month, int taxFiscalYear, IReadOnlyList<ChildFacts> children, IReadOnlyList<TaxYear> taxYears,
        ILookup<Guid, CertificationState> certifications, IReadOnlyList<Placement> allPlacements, ILookup<Guid, FeeReduction> reductions, int guardians)
    {
        var onFirst = month;
        // The household's 所得割 counts only when every guardian's tax for the 年度 is known.
        var records = taxYears.Where(t => t.FiscalYear == taxFiscalYear).ToList();
        IReadOnlyList<HouseholdTaxYear> feeTaxYears = guardians > 0 && records.Count == guardians
            ? [new HouseholdTaxYear(taxFiscalYear, records.Sum(r => r.IncomeLevy), records.All(r => r.NonTaxable))]
            : [];
        bool Welfare(WelfareKind kind) => household.Welfare.Any(w => w.Kind == kind && w.CoversDate(onFirst));
        var feeHousehold = new FeeHousehold(Welfare(WelfareKind.PublicAssistance), Welfare(WelfareKind.SingleParent), Welfare(WelfareKind.HomeDisability), feeTaxYears);

        var placements = allPlacements.Where(p => p.CoversMonth(month)).GroupBy(p => p.ChildId).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.StartsOn).First());
        var feeChildren = new List<FeeChild>(children.Count);
        foreach (var child in children)
        {
            var certification = Domain.Certification.Certification.PeriodInMonth(certifications[child.Id], month);
            placements.TryGetValue(child.Id, out var placement);
            var enrollment = placement is not null
                ? placement.ServiceKind == ServiceKind.Education ? Enrollment.Kindergarten : Enrollment.Nursery
                : JapaneseDates.SchoolEntryDate(child.BirthDate) <= onFirst ? Enrollment.School : Enrollment.None;
            feeChildren.Add(new FeeChild(child.Id.ToString("N"), child.BirthDate, certification?.Category, certification?.CareLevel, enrollment,
                placement?.StartsOn, placement?.EndsOn, [.. reductions[child.Id].Select(r => new FeeWaiver($"{r.Kind} {r.Number}", r.Numerator, r.Denominator))]));
        }
        return new HouseholdFeeInputs(household.Id, feeHousehold, feeChildren, placements, allPlacements);
    }
}

/// <summary>
/// What the fee run reads of a household: its members and welfare periods. Read as these fields only, so the address (sealed
/// personal data the fee has no use for) is neither read nor decrypted.
/// </summary>
public sealed record HouseholdFacts(Guid Id, IReadOnlyList<HouseholdMember> Members, IReadOnlyList<WelfarePeriod> Welfare);

/// <summary>What the fee run reads of a child: the birth date, never the name.</summary>
public sealed record ChildFacts(Guid Id, DateOnly BirthDate);
