namespace KosodateShien.Domain.Tests.Facilities;

using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

/// <summary>利用定員 is effective-dated: each change holds from its date until the next.</summary>
public class FacilityCapacityTests
{
    private static readonly Guid Id = Guid.Parse("f0000000-0000-0000-0000-000000000001");
    private static readonly SeatsByAgeClass Registered = new(3, 6, 6, 0, 0, 0);
    private static readonly SeatsByAgeClass October = new(3, 8, 8, 0, 0, 0);
    private static readonly SeatsByAgeClass July = new(2, 6, 6, 0, 0, 0);

    private static Facility Facility(params object[] later) =>
        new object[]
        {
            Domain.Facilities.Facility.Register(Id, "1310400001", "テスト保育園", FacilityKind.SmallScale, new Address("160-0022", "東京都新宿区新宿一丁目1番1号"),
                new DateOnly(2020, 4, 1), Registered),
        }.Concat(later).Aggregate((Facility?)null, Domain.Facilities.Facility.Evolve)!;

    private static FacilityCapacityChanged Changed(SeatsByAgeClass seats, DateOnly from) => new(Id, seats, from, "定員変更");

    [Fact]
    public void each_capacity_holds_from_its_date_until_the_next()
    {
        var facility = Facility(Changed(October, new DateOnly(2027, 10, 1)));

        facility.CapacityOn(new DateOnly(2027, 9, 30)).ShouldBe(Registered);
        facility.CapacityOn(new DateOnly(2027, 10, 1)).ShouldBe(October);
        facility.CapacityOn(new DateOnly(2019, 1, 1)).ShouldBe(Registered);
        facility.Capacity.ShouldBe(October);
        facility.CapacityChangesBetween(new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31)).ShouldBe([new DateOnly(2027, 10, 1)]);
    }

    [Fact]
    public void a_change_from_an_earlier_date_replaces_what_was_recorded_from_that_date_on()
    {
        var facility = Facility(Changed(October, new DateOnly(2027, 10, 1)), Changed(July, new DateOnly(2027, 7, 1)));

        facility.CapacityOn(new DateOnly(2027, 6, 30)).ShouldBe(Registered);
        facility.CapacityOn(new DateOnly(2027, 12, 1)).ShouldBe(July);
        facility.Capacity.ShouldBe(July);
    }

    [Fact]
    public void a_snapshot_written_before_the_periods_were_kept_has_its_capacity_throughout()
    {
        var legacy = Facility() with { CapacityPeriods = null };

        legacy.CapacityOn(new DateOnly(2027, 10, 1)).ShouldBe(Registered);
        Domain.Facilities.Facility.Evolve(legacy, Changed(October, new DateOnly(2027, 10, 1)))!.CapacityOn(new DateOnly(2027, 9, 1)).ShouldBe(Registered);
    }
}
