using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Domain.Contracts;

/// <summary>
/// 利用定員 as the hard limit on placements: a child starts at a facility (入所, or the placement a 転園 starts) only when its
/// class, the facility's children of the child's クラス年齢 in the 年度 of the start, has a free place on the first day and on
/// every later day of that 年度 on which the class could fill up (another placement already recorded starts, or another
/// 利用定員 comes into force). Counted are the placements running that day, each child in its class for the 年度 from its
/// 生年月日 (<see cref="JapaneseDates.ClassAge"/>, as the roster and 4月 クラス進級 count it, whether or not that April's
/// <see cref="ClassProgressed"/> has been recorded). The limit is the 利用定員 in force that day, without any excess.
/// </summary>
public static class ClassPlaces
{
    public const string Rule = "placement.class-full";

    /// <summary>Refuses with <see cref="Rule"/>, naming <paramref name="facilityField"/> and <paramref name="dateField"/>, when there is no place.</summary>
    /// <param name="placements">the facility's placements (those of other facilities are left out)</param>
    /// <param name="birthDates">生年月日 of those placements' children, by child id</param>
    public static void RequireFree(Facility facility, IEnumerable<Placement> placements, IReadOnlyDictionary<Guid, DateOnly> birthDates, int classAge,
        DateOnly startsOn, string facilityField, string dateField = "startsOn")
    {
        if (FullOn(facility, placements, birthDates, classAge, startsOn) is not { } full) return;
        var message = full.Places == 0
            ? $"{facility.Name} has no {classAge}歳児 class (利用定員 0) on {full.Day:yyyy-MM-dd}."
            : $"{facility.Name}: the {classAge}歳児 class holds {full.Held} children on {full.Day:yyyy-MM-dd}, its 利用定員 then is {full.Places}.";
        throw new DomainRuleException(Rule, message, facilityField) { AlsoFields = [dateField] };
    }

    /// <summary>The first day from <paramref name="startsOn"/> to the end of its 年度 on which the class has no free place, if any.</summary>
    public static ClassFull? FullOn(Facility facility, IEnumerable<Placement> placements, IReadOnlyDictionary<Guid, DateOnly> birthDates, int classAge,
        DateOnly startsOn)
    {
        var fiscalYear = JapaneseDates.FiscalYearOf(startsOn);
        var yearEnd = new DateOnly(fiscalYear + 1, 3, 31);
        var classmates = placements.Where(p => p.FacilityId == facility.Id && JapaneseDates.ClassAge(BirthDateOf(p, birthDates), fiscalYear) == classAge).ToList();
        // Classes are formed anew each April (進級 and the April round), so a later 年度 is not this placement's to check.
        var days = classmates.Select(p => p.StartsOn).Where(d => d > startsOn && d <= yearEnd)
            .Concat(facility.CapacityChangesBetween(startsOn, yearEnd))
            .Append(startsOn).Distinct().Order();
        foreach (var day in days)
        {
            var places = classAge is >= 0 and <= 5 ? facility.CapacityOn(day)[classAge] : 0;
            var held = classmates.Count(p => p.IsActiveOn(day));
            if (held >= places) return new ClassFull(day, held, places);
        }
        return null;
    }

    private static DateOnly BirthDateOf(Placement placement, IReadOnlyDictionary<Guid, DateOnly> birthDates) =>
        birthDates.TryGetValue(placement.ChildId, out var birth) ? birth
            : throw new InvalidOperationException($"No 生年月日 was given for the child {placement.ChildId} of placement {placement.ContractNumber}.");
}

/// <summary>A day the class is full: how many children it holds then and its 利用定員.</summary>
public sealed record ClassFull(DateOnly Day, int Held, int Places);
