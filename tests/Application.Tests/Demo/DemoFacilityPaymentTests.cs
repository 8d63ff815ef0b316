using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>The demo facilities carry what the month's 給付費 needs, and every paid one prices with the sample 単価表.</summary>
public sealed class DemoFacilityPaymentTests
{
    private static DemoWorld World => DemoDataSets.SmallSet;

    [Fact]
    public void every_facility_has_a_category_region_capacity_confirmation_and_account_for_the_month()
    {
        var month = World.Month;
        World.Facilities.Values.ShouldAllBe(f => f.CategoryOn(month) != null && f.RegionCategoryFor(month) == RegionCategory.Percent20 && f.UsageCapacityOn(month) != null
            && f.IsConfirmedOn(month) && f.BankAccountOn(month) != null);
        World.Facilities.Values.Count(f => f.CategoryOn(month) == FacilityCategory.PublicNursery).ShouldBeGreaterThan(0);
        World.Facilities.Values.Select(f => f.BankAccountOn(month)!.Account.Number).Distinct().Count().ShouldBe(World.Facilities.Count);
    }

    [Fact]
    public void every_paid_facility_has_its_years_treatment_rates_and_the_sample_table_has_its_cells()
    {
        var month = World.Month;
        var paid = World.Facilities.Values.Where(f => f.CategoryOn(month)!.Value.Payment() is not null).ToList();
        var years = World.AddonYears.Values.ToDictionary(y => y.FacilityId);

        paid.ShouldAllBe(f => years.ContainsKey(f.Id) && years[f.Id].RatesIn(month) != null);
        years.Keys.ShouldBeSubsetOf(paid.Select(f => f.Id));
        foreach (var facility in paid)
        {
            var capacity = facility.UsageCapacityOn(month)!;
            PublicPriceTables.Sample.CellsFor(facility.CategoryOn(month)!.Value, RegionCategory.Percent20, capacity.Certification2And3, capacity.Certification1).ShouldNotBeEmpty();
        }
    }
}
