using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Facilities;

/// <summary>Declared vacancies for one month.</summary>
public sealed record MonthlyVacancies(DateOnly Month, SeatsByAgeClass Seats, DateOnly DeclaredOn);

/// <summary>利用定員 by クラス年齢 in force from a date until the next change.</summary>
public sealed record CapacityPeriod(DateOnly From, SeatsByAgeClass Seats);

/// <summary>施設・事業所: the write model of a facility stream.</summary>
/// <param name="FacilityNumber">事業所番号</param>
/// <param name="Name">事業所名称</param>
/// <param name="Capacity">利用定員 by クラス年齢 (current)</param>
/// <param name="ClosesOn">施設事業所終了年月日</param>
public sealed record Facility(
    Guid Id,
    string FacilityNumber,
    string Name,
    FacilityKind Kind,
    Address Address,
    DateOnly OpensOn,
    DateOnly? ClosesOn,
    SeatsByAgeClass Capacity,
    IReadOnlyList<MonthlyVacancies> Vacancies,
    IReadOnlyList<CapacityPeriod>? CapacityPeriods = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(FacilityCapacityChanged),
        typeof(FacilityClosed),
        typeof(FacilityRegistered),
        typeof(VacanciesDeclared),
    ];

    public static Facility? Evolve(Facility? state, object @event) => (state, @event) switch
    {
        (null, FacilityRegistered e) => new Facility(e.FacilityId, e.FacilityNumber, e.Name, e.Kind, e.Address, e.OpensOn, null, e.Capacity, [],
            [new CapacityPeriod(e.OpensOn, e.Capacity)]),
        // A change from a date replaces whatever was recorded from that date on, so the last one recorded is also the current one.
        (not null, FacilityCapacityChanged e) => state with
        {
            Capacity = e.Capacity,
            CapacityPeriods = [.. (state.CapacityPeriods ?? [new CapacityPeriod(state.OpensOn, state.Capacity)]).Where(p => p.From < e.EffectiveFrom),
                new CapacityPeriod(e.EffectiveFrom, e.Capacity)],
        },
        (not null, VacanciesDeclared e) => state with
        {
            Vacancies = [.. state.Vacancies.Where(v => v.Month != e.Month), new MonthlyVacancies(e.Month, e.Seats, e.DeclaredOn)],
        },
        (not null, FacilityClosed e) => state with { ClosesOn = e.ClosesOn },
        _ => state,
    };

    /// <summary>Open on the first day of the month (and not closed before its end).</summary>
    public bool IsOpenFor(DateOnly month) => OpensOn <= month && (ClosesOn is null || ClosesOn >= JapaneseDates.EndOfMonth(month));

    /// <summary>The 利用定員 in force on the day (before the first recorded date: the first one).</summary>
    public SeatsByAgeClass CapacityOn(DateOnly day) =>
        CapacityPeriods is [var first, ..] ? CapacityPeriods.LastOrDefault(p => p.From <= day)?.Seats ?? first.Seats : Capacity;

    /// <summary>The days after <paramref name="from"/> up to <paramref name="to"/> on which another 利用定員 comes into force.</summary>
    public IEnumerable<DateOnly> CapacityChangesBetween(DateOnly from, DateOnly to) =>
        (CapacityPeriods ?? []).Select(p => p.From).Where(d => d > from && d <= to);

    public SeatsByAgeClass VacanciesFor(DateOnly month) => Vacancies.FirstOrDefault(v => v.Month == month)?.Seats ?? SeatsByAgeClass.None;

    public static FacilityRegistered Register(Guid id, string number, string name, FacilityKind kind, Address address, DateOnly opensOn, SeatsByAgeClass capacity)
    {
        capacity.RequireUnderThreeOnly(kind, "capacity");
        return new FacilityRegistered(id, number, name, kind, address, opensOn, capacity);
    }

    public FacilityCapacityChanged ChangeCapacity(SeatsByAgeClass capacity, DateOnly effectiveFrom, string reason)
    {
        RequireOpen(effectiveFrom);
        capacity.RequireUnderThreeOnly(Kind, "capacity");
        return new FacilityCapacityChanged(Id, capacity, effectiveFrom, reason);
    }

    public VacanciesDeclared DeclareVacancies(DateOnly month, SeatsByAgeClass seats, DateOnly declaredOn)
    {
        if (month.Day != 1)
            throw new DomainRuleException("facility.month", "Vacancies are declared for a month: give its first day (YYYY-MM-01).", "month");
        if (!IsOpenFor(month))
            throw new DomainRuleException("facility.closed", $"{Name} is not open for the whole of {month:yyyy-MM}.", "month");
        seats.RequireUnderThreeOnly(Kind, "seats");
        for (var age = 0; age < 6; age++)
            if (seats[age] > Capacity[age])
                throw new DomainRuleException("facility.vacancies-above-capacity", $"{age}歳児: {seats[age]} vacancies exceed the 利用定員 of {Capacity[age]}.", $"seats.{age}");
        return new VacanciesDeclared(Id, month, seats, declaredOn);
    }

    public FacilityClosed Close(DateOnly closesOn, string reason)
    {
        if (ClosesOn is not null)
            throw new DomainRuleException("facility.already-closed", $"{Name} already closes on {ClosesOn:yyyy-MM-dd}.");
        if (closesOn < OpensOn)
            throw new DomainRuleException("facility.close-before-open", "The closing date is before the opening date.", "date");
        return new FacilityClosed(Id, closesOn, reason);
    }

    private void RequireOpen(DateOnly date)
    {
        if (ClosesOn is { } closes && date > closes)
            throw new DomainRuleException("facility.closed", $"{Name} closed on {closes:yyyy-MM-dd}.", "date");
    }
}
