using KosodateShien.Domain.Certification;
using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Application.Demo;

/// <summary>
/// Generates dummy (never real) data for a 東京都新宿区-like ward: households with guardians, preschool children and
/// sometimes a grandparent, their 住民記録, 福祉状況, 個人住民税 and 教育・保育給付認定 in every state, and a ward ready for the
/// next April's 利用調整: 施設・事業所 with their 空き定員 and 利用申込 (see <see cref="DemoAllocationGenerator"/>), and children
/// attending those facilities today (契約, see <see cref="DemoPlacementGenerator"/>), some with 延長保育 (see
/// <see cref="DemoExtendedCareGenerator"/>). Names come from a
/// built-in table with matching フリガナ, addresses and phone numbers from Bogus' <c>ja</c> locale. Every stream is
/// built through the domain's own decision methods and folded with its <c>Evolve</c>, so it obeys the API's rules.
/// </summary>
public static class DemoDataGenerator
{
    /// <summary>Deterministic: the same seed, today and size give identical output (ids included).</summary>
    /// <param name="today">the business date (JST) the data is generated for: every event happens on or before it</param>
    /// <param name="rules">the 認定基準 the certifications are decided under</param>
    /// <param name="size">how many households (about 4,500 by default); facilities, applications and placements scale with it</param>
    public static DemoDataSet Generate(int seed, DateOnly today, CertificationRuleSet rules, DemoSize? size = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        size ??= new DemoSize();
        ArgumentOutOfRangeException.ThrowIfLessThan(size.Households, 1, nameof(size));

        var random = new DemoRandom(seed);
        var numbers = new DemoNumberSequences();
        var addresses = new DemoAddressBook(random);
        var families = new DemoFamilyGenerator(random, new DemoRegistryNumbers(random), addresses, today);
        var taxes = new DemoTaxGenerator(random, today);
        var certifications = new DemoCertificationGenerator(random, numbers, rules, today, size);
        var tally = new DemoStatisticsTally();
        var streams = new List<DemoStream>(size.Households * 10);
        var certified = new List<DemoCertifiedChild>(size.Households * 2);

        for (var i = 0; i < size.Households; i++)
        {
            var family = families.Generate(streams);
            tally.AddFamily(family);
            tally.AddTaxYears(taxes.Generate(family, streams));
            foreach (var child in family.Children)
            {
                if (certifications.Generate(family, child, streams) is not { } certification) continue;
                tally.AddCertification(certification);
                certified.Add(new DemoCertifiedChild(family, child, certification));
            }
        }

        // The allocation round draws last, so the registry and certifications stay the same for a seed.
        var allocation = new DemoAllocationGenerator(random, addresses, today, size).Generate(certified, streams);
        tally.AddAllocation(allocation);

        // Placements draw after the allocation round, so everything before stays the same for a seed.
        var placementGenerator = new DemoPlacementGenerator(random, addresses, today);
        var placements = placementGenerator.Generate(certified, allocation, streams);
        tally.AddPlacements(placements);
        var extendedCare = new DemoExtendedCareGenerator(random, today, ExtendedCareRuleSets.Default).Generate(placements.Placements, streams);
        DemoFacilityAdministration.CertifyAddons(allocation.Facilities, placementGenerator.Month, streams);

        return new DemoDataSet(streams, numbers.CertificationNumbersUsed, numbers.CertificateNumbersUsed, tally.ToStatistics(),
            allocation.ApplicationNumbersUsed, allocation.Month, placements.ContractNumbersUsed, placementGenerator.Month, extendedCare.ApplicationNumbersUsed);
    }
}
