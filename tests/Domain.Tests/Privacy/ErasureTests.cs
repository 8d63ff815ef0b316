using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Tests.Privacy;

public class ErasureTests
{
    private static readonly Guid PersonId = Guid.NewGuid();
    private static readonly DateOnly Today = new(2027, 1, 15);
    private static readonly RetentionDecision Closed = new(PersonId, Today, 1, false, new DateOnly(2031, 1, 15), []);

    private static Erasure Requested(ErasureGround ground = ErasureGround.LawfulRequest) =>
        Erasure.Evolve(null, Erasure.Request(Guid.NewGuid(), PersonId, ground, "個人情報の保護に関する法律第98条", "本人からの請求", Today, "clerk-sato"))!;

    [Fact]
    public void a_request_names_its_legal_basis_and_reason()
    {
        RuleAssert.ShouldBreakRule(() => Erasure.Request(Guid.NewGuid(), PersonId, ErasureGround.LawfulRequest, " ", "理由", Today, "a"), "erasure.legal-basis-required")
            .Field.ShouldBe("legalBasis");
        RuleAssert.ShouldBreakRule(() => Erasure.Request(Guid.NewGuid(), PersonId, ErasureGround.LawfulRequest, "第98条", "", Today, "a"), "erasure.reason-required");
    }

    [Fact]
    public void a_lawful_request_is_approved_by_someone_else_and_only_with_no_open_record()
    {
        var erasure = Requested();
        RuleAssert.ShouldBreakRule(() => erasure.EnsureApprovable("clerk-sato", Closed), "erasure.four-eyes");
        var open = Closed with { Holds = [new RetentionHold(Guid.NewGuid(), "placement", "利用契約が終了していない", null)], KeptUntil = null };
        RuleAssert.ShouldBreakRule(() => erasure.EnsureApprovable("supervisor-kato", open), "erasure.records-open").Message.ShouldContain("placement");
        // Within the retention period a lawful request may still be granted (the period is the longest the data is kept).
        Should.NotThrow(() => erasure.EnsureApprovable("supervisor-kato", Closed));
    }

    [Fact]
    public void a_retention_erasure_needs_the_period_to_have_ended_and_a_decided_one_is_not_decided_again()
    {
        var retention = Requested(ErasureGround.RetentionExpired);
        RuleAssert.ShouldBreakRule(() => retention.EnsureApprovable("supervisor-kato", Closed), "erasure.retention-not-expired");
        Should.NotThrow(() => retention.EnsureApprovable("clerk-sato", Closed with { Erasable = true, Holds = [] }));

        var rejected = Erasure.Evolve(Requested(), new ErasureRejected(Guid.NewGuid(), Today, "supervisor-kato", "収納事務に必要"))!;
        rejected.Status.ShouldBe(ErasureStatus.Rejected);
        RuleAssert.ShouldBreakRule(() => rejected.Reject(Today, "supervisor-kato", "再度"), "erasure.not-pending");
    }

    [Fact]
    public void an_erased_person_and_household_hold_the_erased_mark_instead_of_their_data()
    {
        var person = new Person(PersonId, "000000000000001", "山田 花子", "ヤマダ ハナコ", new DateOnly(1990, 5, 1), Sex.Female,
            [new Contact(ContactKind.Mobile, "090-1111-2222", Today)]);
        var erased = Person.Evolve(person, new PersonErased(PersonId, Guid.NewGuid(), Today))!;
        (erased.Name, erased.Kana, erased.Contacts.Single().Value, erased.ErasedOn, erased.BirthDate).ShouldBe((PersonalData.Erased, PersonalData.Erased, PersonalData.Erased, Today, person.BirthDate));

        var household = Household.Evolve(null, new HouseholdRegistered(Guid.NewGuid(), "1", new Address("160-0022", "東京都新宿区新宿1-1"), Today, RegistryChangeReason.MoveIn))!;
        Household.Evolve(household, new HouseholdAddressErased(household.Id, Guid.NewGuid(), Today))!.Address.ShouldBe(new Address(PersonalData.Erased, PersonalData.Erased));
    }
}
