using KosodateShien.Bench.Measurement;

namespace KosodateShien.Bench.Tests;

public class AssignmentAuditTests
{
    private static readonly AllocationInstance Transfer = TinyInstance.Of(
        TinyInstance.Household("H1", [new ApplicantChild("C1", 1, HeldSeat: "B")], ["A"]));

    [Theory]
    [InlineData("A", 0)]
    [InlineData("B", 0)]
    [InlineData(null, 1)]
    public void A_transfer_applicant_must_end_on_a_listed_option_or_its_held_seat(string? facility, int violations)
    {
        AssignmentAudit.IrViolations(Transfer, new Dictionary<string, string?> { ["C1"] = facility }).ShouldBe(violations);
    }

    [Fact]
    public void A_transfer_to_a_facility_it_did_not_list_is_an_IR_violation()
    {
        var instance = new AllocationInstance([TinyInstance.Facility("A"), TinyInstance.Facility("B"), TinyInstance.Facility("C")], Transfer.Households);

        AssignmentAudit.IrViolations(instance, new Dictionary<string, string?> { ["C1"] = "C" }).ShouldBe(1);
    }

    [Fact]
    public void Two_children_of_one_class_in_a_one_seat_cell_are_one_capacity_violation()
    {
        var instance = TinyInstance.Of(
            TinyInstance.Household("H1", [new ApplicantChild("C1", 2)], ["A"]),
            TinyInstance.Household("H2", [new ApplicantChild("C2", 2)], ["A"]),
            TinyInstance.Household("H3", [new ApplicantChild("C3", 3)], ["A"]));

        AssignmentAudit.CapacityViolations(instance, new Dictionary<string, string?> { ["C1"] = "A", ["C2"] = "A", ["C3"] = "A" }).ShouldBe(1);
        AssignmentAudit.CapacityViolations(instance, new Dictionary<string, string?> { ["C1"] = "A", ["C2"] = "B", ["C3"] = "A" }).ShouldBe(0);
    }
}
