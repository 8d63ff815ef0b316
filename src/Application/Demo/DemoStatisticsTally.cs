using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Facilities;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>Counts what a demo run generates, as it goes.</summary>
internal sealed class DemoStatisticsTally
{
    private readonly Dictionary<CertificationStatus, int> _certificationsByState = Enum.GetValues<CertificationStatus>().ToDictionary(s => s, _ => 0);
    private readonly Dictionary<FacilityKind, int> _facilitiesByKind = Enum.GetValues<FacilityKind>().ToDictionary(k => k, _ => 0);
    private readonly int[] _vacancies = new int[6];
    private readonly int[] _applications = new int[6];
    private int _households, _persons, _children, _guardians, _taxYears, _transfers, _siblingGroups, _placements, _endedPlacements;

    public void AddFamily(DemoFamily family)
    {
        _households++;
        _persons += family.PersonCount;
        _children += family.Children.Count;
        _guardians += family.Guardians.Count;
    }

    public void AddTaxYears(int count) => _taxYears += count;

    public void AddCertification(CertificationState certification) => _certificationsByState[certification.Status]++;

    public void AddAllocation(DemoAllocationData allocation)
    {
        foreach (var facility in allocation.Facilities)
        {
            _facilitiesByKind[facility.State.Kind]++;
            var seats = facility.State.VacanciesFor(allocation.Month);
            for (var age = 0; age < 6; age++) _vacancies[age] += seats[age];
        }
        foreach (var application in allocation.Applications)
        {
            _applications[application.AgeClass]++;
            if (application.State.Kind == PlacementApplicationKind.Transfer) _transfers++;
        }
        _siblingGroups += allocation.SiblingGroups;
    }

    public void AddPlacements(DemoPlacementData placements)
    {
        _placements += placements.Placements.Count;
        _endedPlacements += placements.Ended;
    }

    /// <summary>The statistics, with every <see cref="CertificationStatus"/> and <see cref="FacilityKind"/> present (0 if none) in declaration order.</summary>
    public DemoStatistics ToStatistics() => new(_households, _persons, _children, _guardians, _taxYears, _certificationsByState.Values.Sum(),
        _certificationsByState.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
        _facilitiesByKind.Values.Sum(), _facilitiesByKind.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
        _vacancies.Sum(), [.. _vacancies], _applications.Sum(), [.. _applications], _transfers, _siblingGroups, _placements, _endedPlacements);
}
