using KosodateShien.Domain.Privacy;

namespace KosodateShien.Domain.Tests.Privacy;

/// <summary>保存期間: the default rules keep every record kind 5 years after its last change, and never erase while a record is open.</summary>
public class RetentionAssessmentTests
{
    private static readonly RetentionRules Rules = RetentionRules.Default;
    private static readonly Guid Person = Guid.NewGuid();

    private static PersonRecord Record(string kind, string lastChanged, string? open = null) => new(Guid.NewGuid(), kind, DateOnly.Parse(lastChanged), open);

    [Fact]
    public void a_charge_settled_on_2027_03_31_keeps_the_payer_until_2032_03_31_and_erasable_the_day_after()
    {
        PersonRecord[] records = [Record("person", "2024-05-01"), Record("charge", "2027-03-31")];
        var onLastDay = RetentionAssessment.Assess(Person, records, Rules, new DateOnly(2032, 3, 31));
        (onLastDay.Erasable, onLastDay.KeptUntil, onLastDay.RuleVersion).ShouldBe((false, new DateOnly(2032, 3, 31), 1));
        onLastDay.Holds.ShouldHaveSingleItem().RecordKind.ShouldBe("charge");

        var dayAfter = RetentionAssessment.Assess(Person, records, Rules, new DateOnly(2032, 4, 1));
        (dayAfter.Erasable, dayAfter.KeptUntil, dayAfter.Holds.Count).ShouldBe((true, new DateOnly(2032, 3, 31), 0));
    }

    [Fact]
    public void an_open_record_holds_the_data_however_old_the_others_are()
    {
        var decision = RetentionAssessment.Assess(Person, [Record("person", "2010-04-01"), Record("charge", "2012-06-30", "調定 が完結していない (Overdue)")], Rules,
            new DateOnly(2030, 1, 1));
        (decision.Erasable, decision.KeptUntil).ShouldBe((false, (DateOnly?)null));
        decision.Holds.ShouldHaveSingleItem().Reason.ShouldContain("完結していない");
    }

    [Fact]
    public void a_kind_the_rules_do_not_name_gets_the_default_period_and_a_rule_version_can_lengthen_one()
    {
        RetentionAssessment.Assess(Person, [Record("extended_care_contract", "2027-03-31")], Rules, new DateOnly(2032, 4, 1)).Erasable.ShouldBeTrue();
        var longer = Rules with { Id = "standard-v2", Version = 2, Periods = [new RetentionPeriod("charge", 10, "独自規程")] };
        var decision = RetentionAssessment.Assess(Person, [Record("charge", "2027-03-31")], longer, new DateOnly(2032, 4, 1));
        (decision.Erasable, decision.KeptUntil, decision.RuleVersion).ShouldBe((false, new DateOnly(2037, 3, 31), 2));
    }
}
