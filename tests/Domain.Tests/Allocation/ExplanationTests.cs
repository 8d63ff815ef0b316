using KosodateShien.Domain.Allocation.Engine;
using static KosodateShien.Domain.Tests.Allocation.Applications;

namespace KosodateShien.Domain.Tests.Allocation;

/// <summary>保留理由 (ALLOCATION.md §3.6) on small hand-made rounds: one entry per child and per option above its result.</summary>
public class ExplanationTests
{
    [Fact]
    public void a_class_without_seats_is_explained_as_no_vacancy_and_a_full_class_by_its_cutoff()
    {
        var instance = Instance(
            [Facility("A", 0, 0), Facility("B", 1, 1)],
            Single("h1", 40, "c1", 1, ["B"]),
            Single("h2", 38, "c2", 1, ["A", "B"]));

        var result = AllocationEngine.Run(instance);

        result.Outcomes.Single(o => o.ChildId == "c2").Kind.ShouldBe(OutcomeKind.Unplaced);
        result.Explanations.ShouldBe(
        [
            new Explanation("c2", "A", 1, ExplanationCode.NoVacancy, 1, 0, 38m, null, null, null),
            new Explanation("c2", "B", 2, ExplanationCode.Cutoff, 1, 1, 38m, 40m, "score", null),
        ]);
        result.Cutoffs.ShouldBe(
        [
            new Cutoff("A", 1, 0, 0, 1, null, null, null),
            new Cutoff("B", 1, 1, 1, 1, 40m, 0, "score"),
        ]);
    }

    [Fact]
    public void a_resident_comes_before_an_out_of_area_applicant_with_a_higher_score()
    {
        var result = AllocationEngine.Run(Instance(
            [Facility("A", 2, 1)],
            Single("outside", 45, "o", 2, ["A"], tier: 1),
            Single("resident", 30, "r", 2, ["A"])));

        result.Assignments["r"].ShouldBe("A");
        result.Explanations.ShouldHaveSingleItem().ShouldBe(new Explanation("o", "A", 1, ExplanationCode.OutOfArea, 2, 1, 45m, 30m, "tier", null));
    }

    [Fact]
    public void siblings_who_must_go_together_are_refused_for_the_member_whose_class_is_full()
    {
        // 同じ園のみ: the 0歳 class has a seat, the 1歳 class went to a higher score.
        var capacity = new FacilitySeats("A", [1, 1, 0, 0, 0, 0]);
        var result = AllocationEngine.Run(Instance(
            [capacity],
            Single("other", 40, "x", 1, ["A"]),
            Siblings("family", 38, [new ApplicantChild("baby", 0), new ApplicantChild("toddler", 1)], [Option(("baby", "A"), ("toddler", "A"))])));

        result.Assignments["baby"].ShouldBeNull();
        result.Explanations.ShouldBe(
        [
            new Explanation("baby", "A", 1, ExplanationCode.SiblingRule, 0, 1, 38m, null, null, "toddler"),
            new Explanation("toddler", "A", 1, ExplanationCode.Cutoff, 1, 1, 38m, 40m, "score", null),
        ]);
        result.Cutoffs.Single(c => c.AgeClass == 0).ShouldBe(new Cutoff("A", 0, 1, 0, 1, null, null, null));
    }

    [Fact]
    public void a_child_left_out_of_an_option_is_explained_by_the_member_whose_class_refused_it()
    {
        // 片方だけでも可: either child alone; the older one's class is full, so the younger one gets option 2.
        var result = AllocationEngine.Run(Instance(
            [new FacilitySeats("A", [0, 1, 0, 0, 0, 0]), new FacilitySeats("B", [1, 0, 0, 0, 0, 0])],
            Single("other", 40, "x", 1, ["A"]),
            Siblings("family", 38, [new ApplicantChild("older", 1), new ApplicantChild("younger", 0)],
                [Option(("older", "A"), ("younger", null)), Option(("older", null), ("younger", "B"))])));

        result.Assignments["younger"].ShouldBe("B");
        result.Outcomes.Single(o => o.ChildId == "younger").OptionRank.ShouldBe(2);
        result.Explanations.ShouldBe(
        [
            new Explanation("older", "A", 1, ExplanationCode.Cutoff, 1, 1, 38m, 40m, "score", null),
            new Explanation("younger", "A", 1, ExplanationCode.SiblingRule, 1, 1, 38m, null, null, "older"),
        ]);
    }

    [Fact]
    public void twins_refused_for_lack_of_two_seats_name_each_other()
    {
        var result = AllocationEngine.Run(Instance(
            [Facility("A", 1, 2), Facility("B", 1, 2)],
            Single("other", 40, "x", 1, ["A"]),
            Siblings("twins", 38, [new ApplicantChild("t1", 1), new ApplicantChild("t2", 1)],
                [Option(("t1", "A"), ("t2", "A")), Option(("t1", "B"), ("t2", "B"))])));

        result.Assignments["t1"].ShouldBe("B");
        result.Assignments["t2"].ShouldBe("B");
        result.Explanations.ShouldBe(
        [
            new Explanation("t1", "A", 1, ExplanationCode.SiblingRule, 1, 2, 38m, null, null, "t2"),
            new Explanation("t2", "A", 1, ExplanationCode.SiblingRule, 1, 2, 38m, null, null, "t1"),
        ]);
    }

    [Fact]
    public void explanations_never_name_a_child_of_another_household()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var instance = TinyInstances.Generate(seed, TinyShape.Everything);
            var result = AllocationEngine.Run(instance);
            foreach (var explanation in result.Explanations.Where(e => e.BlockingChildId is not null))
            {
                var household = instance.Households.Single(h => h.Children.Any(c => c.Id == explanation.ChildId));
                household.Children.Select(c => c.Id).ShouldContain(explanation.BlockingChildId);
            }
        }
    }
}
