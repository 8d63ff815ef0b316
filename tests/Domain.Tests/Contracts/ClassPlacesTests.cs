namespace KosodateShien.Domain.Tests.Contracts;

using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

/// <summary>
/// 利用定員 as the limit on placements: a 保育所 with two places in its 1歳児 class and three in its 2歳児 class (0歳児 1, 3–5歳児
/// none), counted in 年度2027 unless a test says otherwise.
/// </summary>
public class ClassPlacesTests
{
    private static readonly Guid FacilityId = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly Guid OtherFacility = Guid.Parse("f0000000-0000-0000-0000-000000000002");
    private static readonly DateOnly April2027 = new(2027, 4, 1);
    private static readonly DateOnly June2027 = new(2027, 6, 1);
    // 1歳児 in 年度2027 (0歳児 in 年度2026), and 2歳児 in 年度2027.
    private static readonly DateOnly OneYearOld = new(2025, 6, 20);
    private static readonly DateOnly TwoYearOld = new(2024, 6, 20);

    private readonly Dictionary<Guid, DateOnly> births = [];

    private static Facility Nursery(params object[] later) =>
        new object[]
        {
            Facility.Register(FacilityId, "1310400001", "テスト保育園", FacilityKind.NurserySchool, new Address("160-0022", "東京都新宿区新宿一丁目1番1号"),
                new DateOnly(2015, 4, 1), new SeatsByAgeClass(1, 2, 3, 0, 0, 0)),
        }.Concat(later).Aggregate((Facility?)null, Facility.Evolve)!;

    /// <summary>A child born on <paramref name="birth"/> placed from <paramref name="startsOn"/>, optionally leaving on <paramref name="lastDay"/>.</summary>
    private Placement Placed(DateOnly birth, DateOnly startsOn, DateOnly? lastDay = null, Guid? facilityId = null)
    {
        var (id, child) = (Guid.NewGuid(), Guid.NewGuid());
        births[child] = birth;
        var started = new PlacementStarted(id, "K2027000001", child, Guid.NewGuid(), Guid.NewGuid(), facilityId ?? FacilityId, null, PlacementSource.Direct,
            ServiceKind.NurseryCare, startsOn.AddDays(-10), startsOn.AddDays(-5), startsOn, JapaneseDates.ClassAge(birth, JapaneseDates.FiscalYearOf(startsOn)));
        object[] events = lastDay is { } last ? [started, new ChildLeftFacility(id, last, "退所")] : [started];
        return events.Aggregate((Placement?)null, Placement.Evolve)!;
    }

    private ClassFull? FullOn(Facility facility, IEnumerable<Placement> placements, int classAge, DateOnly startsOn) =>
        ClassPlaces.FullOn(facility, placements, births, classAge, startsOn);

    [Fact]
    public void a_class_holding_as_many_children_as_its_capacity_refuses_naming_the_facility_and_the_start()
    {
        Placement[] placements = [Placed(OneYearOld, April2027), Placed(OneYearOld, April2027)];

        var refused = ShouldBreakRule(() => ClassPlaces.RequireFree(Nursery(), placements, births, 1, June2027, "facilityId"), "placement.class-full");

        refused.Field.ShouldBe("facilityId");
        refused.AlsoFields.ShouldBe(["startsOn"]);
        refused.Message.ShouldContain("1歳児");
        FullOn(Nursery(), placements, 1, June2027).ShouldBe(new ClassFull(June2027, 2, 2));
    }

    [Fact]
    public void another_class_of_the_same_facility_and_the_same_class_of_another_facility_still_take_the_child()
    {
        Placement[] placements = [Placed(OneYearOld, April2027), Placed(OneYearOld, April2027), Placed(TwoYearOld, April2027),
            Placed(OneYearOld, April2027, facilityId: OtherFacility)];

        FullOn(Nursery(), placements, 2, June2027).ShouldBeNull();
        FullOn(Nursery(), [Placed(OneYearOld, April2027), Placed(OneYearOld, April2027, facilityId: OtherFacility)], 1, June2027).ShouldBeNull();
    }

    [Fact]
    public void a_place_a_child_leaves_is_free_from_the_day_after_its_last_day()
    {
        Placement[] placements = [Placed(OneYearOld, April2027), Placed(OneYearOld, April2027, lastDay: new DateOnly(2027, 7, 31))];

        FullOn(Nursery(), placements, 1, new DateOnly(2027, 7, 31)).ShouldNotBeNull();
        FullOn(Nursery(), placements, 1, new DateOnly(2027, 8, 1)).ShouldBeNull();
    }

    [Fact]
    public void children_placed_in_an_earlier_year_count_in_the_class_they_move_up_to_in_april_recorded_or_not()
    {
        // Two 0歳児 of 年度2026 are 1歳児 in 年度2027; one has its ClassProgressed recorded, the other not yet.
        var progressed = Placed(OneYearOld, new DateOnly(2026, 10, 1));
        progressed = Placement.Evolve(progressed, new ClassProgressed(progressed.Id, 2027, 1))!;
        Placement[] placements = [progressed, Placed(OneYearOld.AddDays(30), new DateOnly(2026, 10, 1))];

        FullOn(Nursery(), placements, 1, April2027).ShouldBe(new ClassFull(April2027, 2, 2));
        FullOn(Nursery(), placements, 0, April2027).ShouldBeNull();
        FullOn(Nursery(), placements, 0, new DateOnly(2027, 3, 1)).ShouldBe(new ClassFull(new DateOnly(2027, 3, 1), 2, 1));
    }

    [Fact]
    public void a_baby_born_in_the_year_it_started_stays_in_the_0_year_class_the_next_april()
    {
        // Born 2026-06-10, placed in October of its own 年度: still 0 on 1 April 2027, so 0歳児 again in 年度2027.
        Placement[] placements = [Placed(new DateOnly(2026, 6, 10), new DateOnly(2026, 10, 1))];

        FullOn(Nursery(), placements, 0, April2027).ShouldBe(new ClassFull(April2027, 1, 1));
        FullOn(Nursery(), [Placed(OneYearOld, April2027)], 1, April2027).ShouldBeNull();
    }

    [Fact]
    public void a_placement_already_recorded_to_start_later_in_the_year_holds_its_place_from_then()
    {
        Placement[] placements = [Placed(OneYearOld, April2027), Placed(OneYearOld, new DateOnly(2027, 10, 1))];

        FullOn(Nursery(), placements, 1, June2027).ShouldBe(new ClassFull(new DateOnly(2027, 10, 1), 2, 2));
        // Next April's children are the April round's: a start next 年度 is not counted against this one.
        FullOn(Nursery(), [Placed(OneYearOld, April2027), Placed(OneYearOld.AddDays(30), new DateOnly(2028, 4, 1))], 1, June2027).ShouldBeNull();
    }

    [Fact]
    public void the_capacity_in_force_on_each_day_is_the_limit()
    {
        var reduced = Nursery(new FacilityCapacityChanged(FacilityId, new SeatsByAgeClass(1, 1, 3, 0, 0, 0), new DateOnly(2027, 10, 1), "保育士の退職"));

        FullOn(reduced, [Placed(OneYearOld, April2027)], 1, June2027).ShouldBe(new ClassFull(new DateOnly(2027, 10, 1), 1, 1));
        var raised = Nursery(new FacilityCapacityChanged(FacilityId, new SeatsByAgeClass(1, 3, 3, 0, 0, 0), new DateOnly(2027, 10, 1), "増築"));
        Placement[] full = [Placed(OneYearOld, April2027), Placed(OneYearOld, April2027)];
        FullOn(raised, full, 1, June2027).ShouldNotBeNull();
        FullOn(raised, full, 1, new DateOnly(2027, 10, 1)).ShouldBeNull();
    }

    [Fact]
    public void a_facility_without_a_class_for_the_age_refuses_every_child_of_it()
    {
        var refused = ShouldBreakRule(() => ClassPlaces.RequireFree(Nursery(), [], births, 3, June2027, "toFacilityId"), "placement.class-full");

        refused.Field.ShouldBe("toFacilityId");
        refused.Message.ShouldContain("利用定員 0");
        FullOn(Nursery(), [], 6, June2027).ShouldNotBeNull();
    }
}
