using KosodateShien.Application.Certification;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Projections.Contracts;
using Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Api.Contracts;

/// <summary>The checks every new placement (入所 or 転園) makes against other streams.</summary>
public static class PlacementRules
{
    public static async Task<Facility> OpenFacilityAsync(IQuerySession session, Guid facilityId, string field, DateOnly startsOn, CancellationToken ct)
    {
        var facility = await session.LoadAsync<Facility>(facilityId, ct)
            ?? throw new DomainRuleException("placement.unknown-facility", $"Facility {facilityId} is not registered.", field);
        if (!facility.IsOpenFor(JapaneseDates.FirstOfMonth(startsOn)) && !(facility.OpensOn <= startsOn && facility.ClosesOn is null))
            throw new DomainRuleException("placement.facility-closed", $"{facility.Name} is not open on {startsOn:yyyy-MM-dd}.", "startsOn");
        return facility;
    }

    /// <summary>The child's certification and its period in force on the day (認定履歴, not only the current period).</summary>
    public static async Task<(CertificationState Certification, CertifiedPeriod Period)> CertificationOnAsync(IQuerySession session, Guid certificationId, Guid childId,
        DateOnly day, CancellationToken ct)
    {
        var certification = await session.LoadAsync<CertificationState>(certificationId, ct);
        if (certification is null || certification.ChildId != childId || certification.PeriodOn(day) is not { } period)
            throw new DomainRuleException("placement.certification", $"The child needs a certification (認定) valid on {day:yyyy-MM-dd}.", "certificationId");
        return (certification, period);
    }

    /// <summary>契約履歴番号: K + the 年度 the placement starts in + a ward-wide sequence.</summary>
    public static async Task<string> NextContractNumberAsync(IDocumentSession session, DateOnly startsOn, CancellationToken ct) =>
        ContractNumbering.ContractNumber(JapaneseDates.FiscalYearOf(startsOn), await session.NextAsync(ContractStoreConfiguration.ContractNumberSequence, ct));
}
