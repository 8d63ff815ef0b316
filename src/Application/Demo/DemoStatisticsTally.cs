using KosodateShien.Domain.Certification;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Demo;

/// <summary>Counts what a demo run generates, as it goes.</summary>
internal sealed class DemoStatisticsTally
{
    private readonly Dictionary<CertificationStatus, int> _certificationsByState = Enum.GetValues<CertificationStatus>().ToDictionary(s => s, _ => 0);
    private int _households, _persons, _children, _guardians, _taxYears;

    public void AddFamily(DemoFamily family)
    {
        _households++;
        _persons += family.PersonCount;
        _children += family.Children.Count;
        _guardians += family.Guardians.Count;
    }

    public void AddTaxYears(int count) => _taxYears += count;

    public void AddCertification(CertificationState certification) => _certificationsByState[certification.Status]++;

    /// <summary>The statistics, with every <see cref="CertificationStatus"/> present (0 if none) in declaration order.</summary>
    public DemoStatistics ToStatistics() => new(_households, _persons, _children, _guardians, _taxYears, _certificationsByState.Values.Sum(),
        _certificationsByState.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value));
}
