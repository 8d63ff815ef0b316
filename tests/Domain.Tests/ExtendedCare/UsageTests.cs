using KosodateShien.Domain.ExtendedCare;

namespace KosodateShien.Domain.Tests.ExtendedCare;

/// <summary>延長保育利用実績: one record per month; a correction is a new event that supersedes it, never an edit.</summary>
public class UsageTests : ExtendedCareSpec
{
    private static readonly DateOnly RecordedOn = new(2027, 6, 30);

    [Fact]
    public void a_months_first_record_is_recorded()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily);
        contract.RecordUsage(June2027, 8, null, RecordedOn, null).ShouldBe(new ExtendedCareUsageRecorded(ContractId, June2027, 8, 8, RecordedOn));
    }

    [Fact]
    public void a_correction_supersedes_the_record_and_names_what_it_replaces()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 8, 8, RecordedOn));

        var corrected = contract.RecordUsage(June2027, 12, null, new DateOnly(2027, 7, 5), "記録漏れ (4日分)");

        corrected.ShouldBe(new ExtendedCareUsageCorrected(ContractId, June2027, 12, 12, new DateOnly(2027, 7, 5), "記録漏れ (4日分)", 8, 8));
        var state = Then(contract, corrected);
        state.UsageFor(June2027).ShouldBe(new ExtendedCareUsage(June2027, 12, 12, 2));
        state.Usage.Count.ShouldBe(1);
    }

    [Fact]
    public void the_same_figures_again_record_nothing()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 8, 8, RecordedOn));
        contract.RecordUsage(June2027, 8, 8, RecordedOn, null).ShouldBeNull();
    }

    [Fact]
    public void a_correction_without_a_reason_is_refused()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, null, new ExtendedCareUsageRecorded(ContractId, June2027, 8, 8, RecordedOn));
        ShouldBreakRule(() => contract.RecordUsage(June2027, 9, null, RecordedOn, null), "extended-care.correction-reason").Field.ShouldBe("correctionReason");
    }

    [Fact]
    public void usage_is_for_months_and_days_the_contract_covers()
    {
        var contract = Contracted(ExtendedCareFeeSystem.Daily, new DateOnly(2027, 6, 16));
        ShouldBreakRule(() => contract.RecordUsage(new DateOnly(2027, 5, 1), 1, null, RecordedOn, null), "extended-care.usage-outside-contract");
        // 16–30 June = 15 days
        ShouldBreakRule(() => contract.RecordUsage(June2027, 16, null, RecordedOn, null), "extended-care.usage-days");
        contract.RecordUsage(June2027, 15, null, RecordedOn, null).ShouldNotBeNull();
        ShouldBreakRule(() => contract.RecordUsage(new DateOnly(2027, 7, 1), 1, null, RecordedOn, null), "extended-care.usage-before-month");
    }

    [Fact]
    public void usage_needs_a_contract() =>
        ShouldBreakRule(() => Given(Applied()).RecordUsage(June2027, 1, null, RecordedOn, null), "extended-care.not-contracted");
}
