namespace KosodateShien.Domain.Tests.Contracts;

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

    private static Facility Nursery(params object[] later) =>
        new object[]
        {
            Facility.Register(FacilityId, "1310400001", "テスト保育園", FacilityKind.NurserySchool, new Address("160-0022", "東京都新宿区新宿一丁目1番1号"),
                new DateOnly(2015, 4, 1), new SeatsByAgeClass(1, 2, 3, 0, 0, 0)),
        }.Concat(later).Aggregate((Facility?)null, Facility.Evolve)!;

    /// <summary>A child in the <paramref name="classAge"/>歳児 class of the 年度 it starts in, optionally leaving on <paramref name="lastDay"/>.</summary>
    private static Placement Placed(int classAge, DateOnly startsOn, DateOnly? lastDay = null, Guid? facilityId = null)
    {
        var id = Guid.NewGuid();
        object[] events = lastDay is { } last
            ? [Started(id, classAge, startsOn, facilityId), new ChildLeftFacility(id, last, "退所")]
            : [Started(id, classAge, startsOn, facilityId)];
        return events.Aggregate((Placement?)null, Placement.Evolve)!;
    }

    private static PlacementStarted Started(Guid id, int classAge, DateOnly startsOn, Guid? facilityId) =>
        new(id, "K2027000001", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), facilityId ?? FacilityId, null, PlacementSource.Direct, ServiceKind.NurseryCare,
            startsOn.AddDays(-10), startsOn.AddDays(-5), startsOn, classAge);

    [Fact]
    public void a_class_holding_as_many_children_as_its_capacity_refuses_naming_the_facility_and_the_start()
    {
        Placement[] placements = [Placed(1, April2027), Placed(1, April2027)];

        var refused = ShouldBreakRule(() => ClassPlaces.RequireFree(Nursery(), placements, 1, June2027, "facilityId"), "placement.class-full");

        refused.Field.ShouldBe("facilityId");
        refused.AlsoFields.ShouldBe(["startsOn"]);
        refused.Message.ShouldContain("1歳児");
        ClassPlaces.FullOn(Nursery(), placements, 1, June2027).ShouldBe(new ClassFull(June2027, 2, 2));
    }

    [Fact]
    public void another_class_of_the_same_facility_and_the_same_class_of_another_facility_still_take_the_child()
    {
        Placement[] placements = [Placed(1, April2027), Placed(1, April2027), Placed(2, April2027), Placed(1, April2027, facilityId: OtherFacility)];

        ClassPlaces.FullOn(Nursery(), placements, 2, June2027).ShouldBeNull();
        ClassPlaces.FullOn(Nursery(), [Placed(1, April2027), Placed(1, April2027, facilityId: OtherFacility)], 1, June2027).ShouldBeNull();
    }

    [Fact]
    public void a_place_a_child_leaves_is_free_from_the_day_after_its_last_day()
    {
        Placement[] placements = [Placed(1, April2027), Placed(1, April2027, lastDay: new DateOnly(2027, 7, 31))];

        ClassPlaces.FullOn(Nursery(), placements, 1, new DateOnly(2027, 7, 31)).ShouldNotBeNull();
        ClassPlaces.FullOn(Nursery(), placements, 1, new DateOnly(2027, 8, 1)).ShouldBeNull();
    }

    [Fact]
    public void children_placed_in_an_earlier_year_count_in_the_class_they_move_up_to_in_april_recorded_or_not()
    {
        // Two 0歳児 of 年度2026 are 1歳児 in 年度2027; one of them has its ClassProgressed recorded, the other not yet.
        var progressed = Placed(0, new DateOnly(2026, 10, 1));
        progressed = Placement.Evolve(progressed, new ClassProgressed(progressed.Id, 2027, 1))!;
        Placement[] placements = [progressed, Placed(0, new DateOnly(2026, 10, 1))];

        ClassPlaces.FullOn(Nursery(), placements, 1, April2027).ShouldBe(new ClassFull(April2027, 2, 2));
        ClassPlaces.FullOn(Nursery(), placements, 0, April2027).ShouldBeNull();
        ClassPlaces.FullOn(Nursery(), placements, 0, new DateOnly(2027, 3, 1)).ShouldBe(new ClassFull(new DateOnly(2027, 3, 1), 2, 1));
    }

    [Fact]
    public void a_placement_already_recorded_to_start_later_in_the_year_holds_its_place_from_then()
    {
        Placement[] placements = [Placed(1, April2027), Placed(1, new DateOnly(2027, 10, 1))];

        ClassPlaces.FullOn(Nursery(), placements, 1, June2027).ShouldBe(new ClassFull(new DateOnly(2027, 10, 1), 2, 2));
        // Next April's children are the April round's: a start next 年度 is not counted against this one.
        ClassPlaces.FullOn(Nursery(), [Placed(1, April2027), Placed(1, new DateOnly(2028, 4, 1))], 1, June2027).ShouldBeNull();
    }

    [Fact]
    public void the_capacity_in_force_on_each_day_is_the_limit()
    {
        var reduced = Nursery(new FacilityCapacityChanged(FacilityId, new SeatsByAgeClass(1, 1, 3, 0, 0, 0), new DateOnly(2027, 10, 1), "保育士の退職"));
        Placement[] placements = [Placed(1, April2027)];

        ClassPlaces.FullOn(reduced, placements, 1, June2027).ShouldBe(new ClassFull(new DateOnly(2027, 10, 1), 1, 1));
        var raised = Nursery(new FacilityCapacityChanged(FacilityId, new SeatsByAgeClass(1, 3, 3, 0, 0, 0), new DateOnly(2027, 10, 1), "増築"));
        ClassPlaces.FullOn(raised, [Placed(1, April2027), Placed(1, April2027)], 1, June2027).ShouldNotBeNull();
        ClassPlaces.FullOn(raised, [Placed(1, April2027), Placed(1, April2027)], 1, new DateOnly(2027, 10, 1)).ShouldBeNull();
    }

    [Fact]
    public void a_facility_without_a_class_for_the_age_refuses_every_child_of_it()
    {
        var refused = ShouldBreakRule(() => ClassPlaces.RequireFree(Nursery(), [], 3, June2027, "toFacilityId"), "placement.class-full");

        refused.Field.ShouldBe("toFacilityId");
        refused.Message.ShouldContain("利用定員 0");
        ClassPlaces.FullOn(Nursery(), [], 6, June2027).ShouldNotBeNull();
    }
}
