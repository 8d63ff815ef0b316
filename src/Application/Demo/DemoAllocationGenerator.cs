using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Application.Demo;

/// <summary>What the allocation part of a demo run generated.</summary>
/// <param name="Map">where the ward's 町, homes and facilities lie (for later generators that place children near home)</param>
internal sealed record DemoAllocationData(
    DateOnly Month, IReadOnlyList<DemoFacility> Facilities, IReadOnlyList<DemoPlacementApplication> Applications, long ApplicationNumbersUsed, int SiblingGroups,
    DemoWardMap Map);

/// <summary>
/// A ward ready for the next April's 利用調整 round: about 200 facilities (one per 22.5 households) with their
/// 空き定員 declared for that April, and about 1,500 利用申込 (one per three households) from the generated children.
/// Vacancies follow demand so that 1歳児 is the bottleneck (about 1.5 applications per seat) and total about
/// two thirds of the applications, mostly in 0歳児 and 1歳児, never above a class's 利用定員.
/// </summary>
internal sealed class DemoAllocationGenerator(DemoRandom random, DemoAddressBook addresses, DateOnly today, DemoSize size)
{
    /// <summary>Seats declared per application, by クラス年齢 (ρ of ALLOCATION.md §4.2 around an overall ratio of 0.7).</summary>
    private static readonly double[] SeatsPerApplication = [0.95, 0.67, 0.75, 0.45, 0.35, 0.35];

    /// <summary>The month of the next April intake: 1 April of the next 年度.</summary>
    public DateOnly Month { get; } = new(JapaneseDates.FiscalYearOf(today) + 1, 4, 1);

    public DemoAllocationData Generate(IReadOnlyList<DemoCertifiedChild> children, ICollection<DemoStream> streams)
    {
        var map = new DemoWardMap(random, addresses.TownCount);
        var facilities = new DemoFacilityGenerator(random, addresses, map, today).Generate(FacilityCount(size));
        DemoFacilityAdministration.Administer(facilities, today);
        var applicationGenerator = new DemoPlacementApplications(random, addresses, map, today, Month);
        var applications = applicationGenerator.Generate(children, facilities, ApplicationTarget(size));

        var demand = new int[6];
        foreach (var application in applications) demand[application.AgeClass]++;
        DeclareVacancies(facilities, demand);

        foreach (var facility in facilities) streams.Add(facility.Stream.ToStream());
        foreach (var application in applications) streams.Add(application.Stream.ToStream());
        return new DemoAllocationData(Month, facilities, applications, applicationGenerator.NumbersUsed, applicationGenerator.SiblingGroups, map);
    }

    public static int FacilityCount(DemoSize size) => Math.Max(5, (int)Math.Round(size.Households * 200 / 4500.0));

    public static int ApplicationTarget(DemoSize size) => (int)Math.Round(size.Households / 3.0);

    /// <summary>
    /// Spreads each class's seats over the facilities with that class, seat by seat, weighted by 利用定員 (times a
    /// per-facility draw, sparser for older classes where few children leave), never above the 利用定員; then every
    /// facility declares its seats on a day in the last month.
    /// </summary>
    private void DeclareVacancies(IReadOnlyList<DemoFacility> facilities, int[] demand)
    {
        var seats = new int[facilities.Count, 6];
        for (var age = 0; age < 6; age++)
        {
            var weights = new double[facilities.Count];
            for (var i = 0; i < facilities.Count; i++)
            {
                var draw = random.Double();
                var spread = age <= 1 ? 0.3 + draw : age == 2 ? draw * draw : draw * draw * draw;
                weights[i] = facilities[i].State.Capacity[age] * spread;
            }
            var wanted = Math.Min((int)Math.Round(demand[age] * SeatsPerApplication[age]), facilities.Sum(f => f.State.Capacity[age]));
            for (var seat = 0; seat < wanted; seat++)
            {
                var total = weights.Sum();
                if (total <= 0) break;
                var roll = random.Double() * total;
                var pick = -1;
                for (var i = 0; i < weights.Length; i++)
                {
                    if (weights[i] <= 0) continue;
                    pick = i;
                    if (roll < weights[i]) break;
                    roll -= weights[i];
                }
                seats[pick, age]++;
                if (seats[pick, age] >= facilities[pick].State.Capacity[age]) weights[pick] = 0;
            }
        }

        for (var i = 0; i < facilities.Count; i++)
        {
            var facility = facilities[i];
            var declared = new SeatsByAgeClass(seats[i, 0], seats[i, 1], seats[i, 2], seats[i, 3], seats[i, 4], seats[i, 5]);
            var earliest = facility.State.OpensOn > today.AddDays(-30) ? facility.State.OpensOn : today.AddDays(-30);
            facility.Stream.Append(facility.State.DeclareVacancies(Month, declared, random.Date(earliest, today)));
        }
    }
}
