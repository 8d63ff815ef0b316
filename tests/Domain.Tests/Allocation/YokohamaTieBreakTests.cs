using KosodateShien.Domain.Allocation.Engine;
using static KosodateShien.Domain.Tests.Allocation.Applications;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>
/// REFERENCE.md §15 example 24 (横浜市): same rank and 調整指数, same 類型; more 小学生以下 children first, then the
/// lower 合計所得金額. Modelled as TieBreak = [−children under 12, 合計所得金額] over one seat.
/// </summary>
public class YokohamaTieBreakTests
{
    static readonly FacilitySeats Hoikuen = Facility("yokohama-1", ageClass: 1, seats: 1);

    static HouseholdApplication Family(string id, int childrenUnder12, long income, long lottery) =>
        Single(id, score: 100, childId: $"{id}-child", ageClass: 1, wishes: ["yokohama-1"], tieBreak: [-childrenUnder12, income], lottery: lottery);

    [Fact]
    public void the_family_with_three_children_under_12_is_placed_before_the_family_with_two()
    {
        var result = AllocationEngine.Run(Instance([Hoikuen], Family("Y", 2, income: 3_000_000, lottery: 0), Family("X", 3, income: 5_000_000, lottery: 1)));

        result.Assignments["X-child"].ShouldBe("yokohama-1");
        result.Assignments["Y-child"].ShouldBeNull();
        var why = result.Explanations.ShouldHaveSingleItem();
        why.ShouldBe(new Explanation("Y-child", "yokohama-1", 1, ExplanationCode.TieBreak, 1, 1, 100m, 100m, "tieBreak:0", null));
    }

    [Fact]
    public void when_the_child_counts_tie_the_lower_household_income_wins()
    {
        var result = AllocationEngine.Run(Instance([Hoikuen], Family("X", 2, income: 4_000_000, lottery: 0), Family("Y", 2, income: 3_000_000, lottery: 1)));

        result.Assignments["Y-child"].ShouldBe("yokohama-1");
        result.Assignments["X-child"].ShouldBeNull();
        var why = result.Explanations.ShouldHaveSingleItem();
        why.ChildId.ShouldBe("X-child");
        why.Code.ShouldBe(ExplanationCode.TieBreak);
        why.DecidingStep.ShouldBe("tieBreak:1");
        result.Cutoffs.ShouldHaveSingleItem().ShouldBe(new Cutoff("yokohama-1", 1, 1, 1, 1, 100m, 0, "tieBreak:1"));
    }

    [Fact]
    public void when_everything_ties_the_lottery_decides()
    {
        var result = AllocationEngine.Run(Instance([Hoikuen], Family("X", 2, income: 3_000_000, lottery: 7), Family("Y", 2, income: 3_000_000, lottery: 2)));

        result.Assignments["Y-child"].ShouldBe("yokohama-1");
        result.Explanations.ShouldHaveSingleItem().DecidingStep.ShouldBe("lottery");
    }
}
