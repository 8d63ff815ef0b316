using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Domain.Tests.FacilityPayments;

/// <summary>加算認定 per facility and 年度: items month by month, 変更 and 取消, provisional then final 加算率, 実績報告 and its shortfall.</summary>
public class AddonCertificationTests
{
    private static readonly PublicPriceTable Table = PublicPriceTables.Sample;
    private static readonly Guid FacilityId = Guid.NewGuid();
    private static readonly DateOnly April = new(2026, 4, 1), July = new(2026, 7, 1), October = new(2026, 10, 1);

    private static AddonCertification Fold(params object[] events) => events.Aggregate((AddonCertification?)null, AddonCertification.Evolve)!;

    private static AddonCertification Opened() => Fold(AddonCertification.Open(FacilityId, 2026));

    [Fact]
    public void an_item_applies_from_its_month_and_a_change_from_a_later_month_replaces_it_from_then()
    {
        var year = Opened();
        var certified = year.Certify(Table, "age3-staffing", April, null, April, null, null);
        year = Fold(AddonCertification.Open(FacilityId, 2026), certified);
        var changed = year.Certify(Table, "age3-staffing", October, null, new DateOnly(2026, 9, 20), new AddonParameters(ExtraStaff: 2), "加配人数の変更");
        year = Fold(AddonCertification.Open(FacilityId, 2026), certified, changed);

        year.ItemsIn(new DateOnly(2026, 3, 1)).ShouldBeEmpty();
        year.ItemsIn(July).ShouldBe(["age3-staffing"]);
        year.Items.Single(i => i.FromMonth == April).UntilMonth.ShouldBe(new DateOnly(2026, 9, 1));
        year.Items.Single(i => i.FromMonth == October).Parameters!.ExtraStaff.ShouldBe(2);
        certified.PriceTableVersion.ShouldBe(1);
    }

    [Fact]
    public void a_change_needs_its_reason_and_an_unknown_or_misplaced_item_is_refused()
    {
        var year = Fold(AddonCertification.Open(FacilityId, 2026), Opened().Certify(Table, "head-nurse", April, null, April, null, null));

        ShouldBreakRule(() => year.Certify(Table, "head-nurse", July, null, July, null, null), "addon.change-reason").Field.ShouldBe("changeReason");
        ShouldBreakRule(() => year.Certify(Table, "nope", July, null, July, null, null), "addon.unknown-item").Field.ShouldBe("code");
        ShouldBreakRule(() => year.Certify(Table, "head-nurse", new DateOnly(2027, 4, 1), null, July, null, "x"), "addon.outside-fiscal-year").Field.ShouldBe("fromMonth");
        ShouldBreakRule(() => year.Certify(Table, "head-nurse", October, July, July, null, "x"), "addon.until-before-from");
    }

    [Fact]
    public void a_revoked_item_stops_the_month_it_is_revoked_from()
    {
        var opened = AddonCertification.Open(FacilityId, 2026);
        var certified = Opened().Certify(Table, "head-nurse", April, null, April, null, null);
        var revoked = Fold(opened, certified).Revoke("head-nurse", October, October, "主任保育士の退職");
        var year = Fold(opened, certified, revoked);

        year.ItemsIn(new DateOnly(2026, 9, 1)).ShouldBe(["head-nurse"]);
        year.ItemsIn(October).ShouldBeEmpty();
        ShouldBreakRule(() => year.Revoke("head-nurse", new DateOnly(2026, 11, 1), October, "x"), "addon.not-certified");
    }

    [Fact]
    public void provisional_rates_are_replaced_by_the_final_ones_from_the_same_month()
    {
        var opened = AddonCertification.Open(FacilityId, 2026);
        var provisional = Opened().CertifyRates(10, 7, 3, 2, April, provisional: true, April);
        var final = Fold(opened, provisional).CertifyRates(12, 7, 3, 2, April, provisional: false, new DateOnly(2026, 7, 20));
        var year = Fold(opened, provisional, final);

        year.RatesIn(July)!.ShouldSatisfyAllConditions(r => r.A.ShouldBe(12), r => r.Provisional.ShouldBeFalse());
        ShouldBreakRule(() => year.CertifyRates(10, 7, 3, 2, July, provisional: true, July), "addon.rates-final");
    }

    [Fact]
    public void the_shortfall_is_what_was_required_and_not_paid()
    {
        var opened = AddonCertification.Open(FacilityId, 2026);
        var reported = Opened().ReportPerformance(new DateOnly(2027, 7, 31), 1_710_000, 2_019_600);
        var year = Fold(opened, reported);

        year.DetermineShortfall(new DateOnly(2027, 8, 31)).Amount.ShouldBe(309_600);
        ShouldBreakRule(() => Opened().DetermineShortfall(new DateOnly(2027, 8, 31)), "addon.no-performance-report");
    }
}
