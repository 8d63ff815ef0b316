using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Allocation;

/// <summary>The registry, certification and tax facts a round scores with, loaded in batches.</summary>
public sealed class RoundFacts
{
    public required IReadOnlyDictionary<Guid, CertificationState> Certifications { get; init; }
    public required IReadOnlyDictionary<Guid, Person> Children { get; init; }
    public required IReadOnlyDictionary<Guid, Household> Households { get; init; }
    public required IReadOnlyDictionary<Guid, TaxYear> TaxYears { get; init; }
    public required int TaxFiscalYear { get; init; }

    /// <summary>世帯の所得割額: the current guardians' 所得割 summed, or null when one has no record for the year.</summary>
    public long? IncomeLevy(Household household)
    {
        long total = 0;
        foreach (var guardian in household.CurrentGuardianIds)
        {
            if (!TaxYears.TryGetValue(TaxYear.StreamId(guardian, TaxFiscalYear), out var year)) return null;
            total += year.IncomeLevy;
        }
        return total;
    }

    public static async Task<RoundFacts> LoadAsync(IQuerySession session, IReadOnlyList<PlacementApplication> applications, DateOnly month, CancellationToken ct)
    {
        var certifications = await session.LoadManyAsync<CertificationState>(ct, applications.Select(a => a.CertificationId).Distinct());
        var children = await session.LoadManyAsync<Person>(ct, applications.Select(a => a.ChildId).Distinct());
        var households = await session.LoadManyAsync<Household>(ct, applications.Select(a => a.HouseholdId).Distinct());
        // Priority by income reads the tax year fees use for the month (REFERENCE.md §1).
        var taxYear = Domain.Fees.FeeEngine.TaxFiscalYearFor(month);
        var taxIds = households.SelectMany(h => h.CurrentGuardianIds).Distinct().Select(g => TaxYear.StreamId(g, taxYear));
        var taxYears = await session.LoadManyAsync<TaxYear>(ct, taxIds);
        return new RoundFacts
        {
            Certifications = certifications.ToDictionary(c => c.Id),
            Children = children.ToDictionary(p => p.Id),
            Households = households.ToDictionary(h => h.Id),
            TaxYears = taxYears.ToDictionary(t => t.Id),
            TaxFiscalYear = taxYear,
        };
    }
}
