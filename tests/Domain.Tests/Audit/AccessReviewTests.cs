namespace KosodateShien.Domain.Tests.Audit;

using KosodateShien.Domain.Audit;
using KosodateShien.Domain.Common;

/// <summary>The periodic review of the access log, with the default rules: more than 50 people an hour, reads outside 08:00–20:00 JST or on a weekend, more than 5 refusals an hour.</summary>
public class AccessReviewTests
{
    private static readonly AccessReviewRules Rules = AccessReviewRules.Default;
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 9, 0, 0, TimeSpan.FromHours(9));
    private long next;

    private AccessEntry Read(string user, string jst, int subjects = 1, int status = 200) =>
        new(++next, user, DateTimeOffset.Parse(jst + "+09:00"), [.. Enumerable.Range(0, subjects).Select(_ => Guid.NewGuid())], status);

    [Fact]
    public void more_than_fifty_people_in_an_hour_is_flagged_and_fifty_is_not()
    {
        var fifty = Enumerable.Range(0, 50).Select(_ => Read("a", "2027-01-14T10:15:00")).ToList();
        AccessReview.Review(fifty, Rules, Now).ShouldBeEmpty();

        var findings = AccessReview.Review([.. fifty, Read("a", "2027-01-14T10:59:59")], Rules, Now);
        var finding = findings.ShouldHaveSingleItem();
        (finding.Kind, finding.User, finding.Hour, finding.Count, finding.RecordIds.Count, finding.RuleVersion)
            .ShouldBe((AccessFindingKind.ManySubjects, "a", new DateTimeOffset(2027, 1, 14, 10, 0, 0, TimeSpan.FromHours(9)), 51, 51, 1));
        // The next hour starts again.
        AccessReview.Review([.. fifty, Read("a", "2027-01-14T11:00:00")], Rules, Now).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2027-01-14T07:59:00", true)]
    [InlineData("2027-01-14T08:00:00", false)]
    [InlineData("2027-01-14T19:59:59", false)]
    [InlineData("2027-01-14T20:00:00", true)]
    [InlineData("2027-01-16T10:00:00", true)]    // Saturday
    [InlineData("2027-01-17T10:00:00", true)]    // Sunday
    public void reads_outside_office_hours_or_on_a_weekend_are_flagged(string jst, bool flagged) =>
        AccessReview.Review([Read("b", jst)], Rules, Now).Any(f => f.Kind == AccessFindingKind.OutsideOfficeHours).ShouldBe(flagged);

    [Fact]
    public void more_than_five_refusals_in_an_hour_are_flagged_and_refusals_count_as_no_reads()
    {
        var five = Enumerable.Range(0, 5).Select(_ => Read("c", "2027-01-14T21:10:00", status: 403)).ToList();
        AccessReview.Review(five, Rules, Now).ShouldBeEmpty();   // refused reads at night read nothing
        var finding = AccessReview.Review([.. five, Read("c", "2027-01-14T21:50:00", status: 401)], Rules, Now).ShouldHaveSingleItem();
        (finding.Kind, finding.Count).ShouldBe((AccessFindingKind.RepeatedRefusals, 6));
    }

    [Fact]
    public void a_finding_is_named_by_kind_user_and_hour_and_acknowledged_once_by_someone_else()
    {
        var raised = AccessReview.Review([Read("d", "2027-01-14T23:00:00")], Rules, Now).ShouldHaveSingleItem();
        raised.FindingId.ShouldBe(AccessReview.Review([Read("d", "2027-01-14T23:30:00")], Rules, Now).Single().FindingId);
        var finding = AccessFinding.Evolve(null, raised)!;

        Should.Throw<DomainRuleException>(() => finding.Acknowledge("d", Now, "自分の")).Rule.ShouldBe("finding.own");
        var acknowledged = AccessFinding.Evolve(finding, finding.Acknowledge("supervisor-e", Now, "夜間の緊急対応 (記録あり)"))!;
        Should.Throw<DomainRuleException>(() => acknowledged.Acknowledge("supervisor-f", Now, "x")).Rule.ShouldBe("finding.acknowledged");
    }

    [Fact]
    public void more_than_ten_reads_without_an_open_case_in_an_hour_is_flagged_and_ten_is_not()
    {
        AccessEntry Caseless() => Read("c", "2027-01-14T10:15:00") with { WithoutOpenCase = true };
        var ten = Enumerable.Range(0, 10).Select(_ => Caseless()).Append(Read("c", "2027-01-14T10:20:00")).ToList();
        AccessReview.Review(ten, Rules, Now).ShouldBeEmpty();

        var finding = AccessReview.Review([.. ten, Caseless()], Rules, Now).ShouldHaveSingleItem();
        (finding.Kind, finding.Count, finding.RecordIds.Count).ShouldBe((AccessFindingKind.NoOpenCase, 11, 11));
    }
}
