using KosodateShien.Domain.Allocation.Engine;
using static KosodateShien.Domain.Tests.Allocation.Applications;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>A malformed round is refused before allocation, naming the field at fault.</summary>
public class ValidationTests
{
    static readonly FacilitySeats[] Facilities = [Facility("A", 1, 1), Facility("B", 1, 1)];

    static void ShouldRefuse(AllocationInstance instance, string rule, string field) =>
        ShouldBreakRule(() => AllocationEngine.Run(instance), rule).Field.ShouldBe(field);

    static HouseholdApplication Household(int n) => Single($"h{n}", 40, $"c{n}", 1, ["A"]);

    [Fact]
    public void an_option_naming_an_unknown_facility_is_refused() =>
        ShouldRefuse(Instance(Facilities, Household(0), Household(1), Household(2),
            Siblings("h3", 40, [new ApplicantChild("s1", 1), new ApplicantChild("s2", 1)], [Option(("s1", "A"), ("s2", "A")), Option(("s1", "A"), ("s2", "Z"))])),
            "allocation.unknown-facility", "households[3].options[1].s2");

    [Fact]
    public void an_option_naming_a_child_of_another_household_is_refused() =>
        ShouldRefuse(Instance(Facilities, Household(0), Single("h1", 40, "c1", 1, ["A"]) with { Options = [Option(("c0", "A"))] }),
            "allocation.unknown-child", "households[1].options[0].c0");

    [Fact]
    public void an_age_class_outside_0_to_5_is_refused() =>
        ShouldRefuse(Instance(Facilities, Single("h0", 40, "c0", 6, ["A"])), "allocation.age-class", "households[0].children[0].ageClass");

    [Fact]
    public void a_capacity_without_six_classes_is_refused() =>
        ShouldRefuse(Instance([new FacilitySeats("A", [1, 1, 1])], Household(0)), "allocation.capacity-shape", "facilities[0].capacity");

    [Fact]
    public void a_negative_capacity_is_refused() =>
        ShouldRefuse(Instance([new FacilitySeats("A", [0, 0, -1, 0, 0, 0])], Household(0)), "allocation.negative-capacity", "facilities[0].capacity[2]");

    [Fact]
    public void duplicate_ids_are_refused()
    {
        ShouldRefuse(Instance([.. Facilities, Facility("A", 2, 1)], Household(0)), "allocation.duplicate-id", "facilities[2].id");
        ShouldRefuse(Instance(Facilities, Household(0), Household(0) with { Children = [new ApplicantChild("other", 1)], Options = [] }), "allocation.duplicate-id", "households[1].id");
        ShouldRefuse(Instance(Facilities, Household(0), Household(1) with { Children = [new ApplicantChild("c0", 1)], Options = [] }), "allocation.duplicate-id", "households[1].children[0].id");
    }

    [Fact]
    public void a_seat_held_at_an_unknown_facility_is_refused() =>
        ShouldRefuse(Instance(Facilities, Single("h0", 40, "c0", 1, ["A"], held: "Q")), "allocation.unknown-held-facility", "households[0].children[0].heldSeat");

    [Fact]
    public void more_held_seats_than_capacity_are_refused() =>
        ShouldRefuse(Instance(Facilities, Single("h0", 40, "c0", 1, ["A"], held: "B"), Single("h1", 40, "c1", 1, ["A"], held: "B")),
            "allocation.held-over-capacity", "facilities[1].capacity[1]");

    [Fact]
    public void a_household_without_children_is_refused() =>
        ShouldRefuse(Instance(Facilities, Household(0) with { Children = [], Options = [] }), "allocation.no-children", "households[0].children");

    [Fact]
    public void an_option_that_places_nobody_is_refused() =>
        ShouldRefuse(Instance(Facilities, Household(0) with { Options = [Option(("c0", "A")), Option(("c0", null))] }), "allocation.empty-option", "households[0].options[1]");

    [Fact]
    public void an_option_that_only_keeps_a_held_seat_is_accepted()
    {
        var keepOnly = Single("h0", 40, "c0", 1, [], held: "A") with { Options = [Option(("c0", null))] };
        AllocationEngine.Run(Instance(Facilities, keepOnly)).Assignments["c0"].ShouldBe("A");
    }

    [Fact]
    public void siblings_may_list_the_same_facility()
    {
        var result = AllocationEngine.Run(Instance([Facility("A", 1, 2)],
            Siblings("h0", 40, [new ApplicantChild("s1", 1), new ApplicantChild("s2", 1)], [Option(("s1", "A"), ("s2", "A"))])));
        result.Assignments.Values.ShouldAllBe(f => f == "A");
    }
}
