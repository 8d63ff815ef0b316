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
/// <param name="HistoryNumber">事業所履歴番号 (1 at registration, one more with each change of 事業者, 施設類型, 地域区分, 利用定員 by 認定区分, 確認, 分園, 開所日, 事業所口座, 指導監査)</param>
/// <param name="Operators">事業者 (法人名, 法人名カナ, 法人番号, 代表者) by date</param>
/// <param name="Categories">施設類型 by date</param>
/// <param name="RegionCategories">地域区分 by 年度</param>
/// <param name="UsageCapacities">利用定員 by 認定区分 (1号, 2号, 3号), by date</param>
/// <param name="Confirmations">確認 (法31条・法43条), its 変更 and 取消</param>
/// <param name="Branches">分園</param>
/// <param name="OpeningSchedules">開所日・開所時間 by date</param>
/// <param name="BankAccounts">事業所口座 by period</param>
/// <param name="Inspections">指導監査</param>
public sealed partial record Facility(
    Guid Id,
    string FacilityNumber,
    string Name,
    FacilityKind Kind,
    Address Address,
    DateOnly OpensOn,
    DateOnly? ClosesOn,
    SeatsByAgeClass Capacity,
    IReadOnlyList<MonthlyVacancies> Vacancies,
    IReadOnlyList<CapacityPeriod>? CapacityPeriods = null,
    int HistoryNumber = 1,
    IReadOnlyList<OperatorPeriod>? Operators = null,
    IReadOnlyList<CategoryPeriod>? Categories = null,
    IReadOnlyList<FiscalYearRegionCategory>? RegionCategories = null,
    IReadOnlyList<UsageCapacityPeriod>? UsageCapacities = null,
    IReadOnlyList<Confirmation>? Confirmations = null,
    IReadOnlyList<Branch>? Branches = null,
    IReadOnlyList<OpeningSchedulePeriod>? OpeningSchedules = null,
    IReadOnlyList<FacilityBankAccountPeriod>? BankAccounts = null,
    IReadOnlyList<Inspection>? Inspections = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(BranchRegistered),
        typeof(FacilityBankAccountChanged),
        typeof(FacilityBankAccountRegistered),
        typeof(FacilityCapacityChanged),
        typeof(FacilityCategoryAssigned),
        typeof(FacilityCategoryChanged),
        typeof(FacilityClosed),
        typeof(FacilityConfirmationChanged),
        typeof(FacilityConfirmationRevoked),
        typeof(FacilityConfirmed),
        typeof(FacilityInspectionRecorded),
        typeof(FacilityOperatorChanged),
        typeof(FacilityOperatorRecorded),
        typeof(FacilityRegistered),
        typeof(OpeningScheduleChanged),
        typeof(RegionCategoryAssigned),
        typeof(UsageCapacityChanged),
        typeof(VacanciesDeclared),
    ];

    public static Facility? Evolve(Facility? state, object @event) => (state, @event) switch
    {
        (null, FacilityRegistered e) => new Facility(e.FacilityId, e.FacilityNumber, e.Name, e.Kind, e.Address, e.OpensOn, null, e.Capacity, [],
            [new CapacityPeriod(e.OpensOn, e.Capacity)], HistoryNumber: 1, Operators: [], Categories: [], RegionCategories: [], UsageCapacities: [], Confirmations: [],
            Branches: [], OpeningSchedules: [], BankAccounts: [], Inspections: []),
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
        (not null, FacilityOperatorRecorded e) => state with
        {
            Operators = EffectiveDated.Replace(state.Operators, new OperatorPeriod(e.EffectiveFrom, e.Operator)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityOperatorChanged e) => state with
        {
            Operators = EffectiveDated.Replace(state.Operators, new OperatorPeriod(e.EffectiveFrom, e.Operator)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityCategoryAssigned e) => state with
        {
            Categories = EffectiveDated.Replace(state.Categories, new CategoryPeriod(e.EffectiveFrom, e.Category)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityCategoryChanged e) => state with
        {
            Categories = EffectiveDated.Replace(state.Categories, new CategoryPeriod(e.EffectiveFrom, e.Category)), HistoryNumber = e.HistoryNumber,
        },
        (not null, RegionCategoryAssigned e) => state with
        {
            RegionCategories = [.. (state.RegionCategories ?? []).Where(r => r.FiscalYear != e.FiscalYear).Append(new FiscalYearRegionCategory(e.FiscalYear, e.Category))
                .OrderBy(r => r.FiscalYear)],
            HistoryNumber = e.HistoryNumber,
        },
        (not null, UsageCapacityChanged e) => state with
        {
            UsageCapacities = EffectiveDated.Replace(state.UsageCapacities, new UsageCapacityPeriod(e.EffectiveFrom, e.Capacity)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityConfirmed e) => state with
        {
            Confirmations = [.. state.Confirmations ?? [], new Confirmation(e.ConfirmedOn, e.Basis, [])], HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityConfirmationChanged e) => state with
        {
            Confirmations = WithLatest(state.Confirmations, c => c with { Changes = [.. c.Changes, new ConfirmationChange(e.ChangedOn, e.Details)] }),
            HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityConfirmationRevoked e) => state with
        {
            Confirmations = WithLatest(state.Confirmations, c => c with { RevokedOn = e.RevokedOn, RevocationReason = e.Reason }), HistoryNumber = e.HistoryNumber,
        },
        (not null, BranchRegistered e) => state with { Branches = [.. state.Branches ?? [], e.Branch], HistoryNumber = e.HistoryNumber },
        (not null, OpeningScheduleChanged e) => state with
        {
            OpeningSchedules = EffectiveDated.Replace(state.OpeningSchedules, new OpeningSchedulePeriod(e.EffectiveFrom, e.Schedule)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityBankAccountRegistered e) => state with
        {
            BankAccounts = WithAccount(state.BankAccounts, new FacilityBankAccountPeriod(e.FacilityId, e.Account, e.From, e.To)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityBankAccountChanged e) => state with
        {
            BankAccounts = WithAccount(state.BankAccounts, new FacilityBankAccountPeriod(e.FacilityId, e.Account, e.From, e.To)), HistoryNumber = e.HistoryNumber,
        },
        (not null, FacilityInspectionRecorded e) => state with { Inspections = [.. state.Inspections ?? [], e.Inspection], HistoryNumber = e.HistoryNumber },
        _ => state,
    };

    private static IReadOnlyList<Confirmation> WithLatest(IReadOnlyList<Confirmation>? confirmations, Func<Confirmation, Confirmation> change) =>
        confirmations is { Count: > 0 } list ? [.. list.Take(list.Count - 1), change(list[^1])] : confirmations ?? [];

    /// <summary>
    /// The accounts with <paramref name="next"/> in force from its date: as with every effective-dated change, an account recorded
    /// from that day on is replaced, and one still in force on it ends the day before.
    /// </summary>
    private static IReadOnlyList<FacilityBankAccountPeriod> WithAccount(IReadOnlyList<FacilityBankAccountPeriod>? accounts, FacilityBankAccountPeriod next) =>
    [
        .. (accounts ?? []).Where(a => a.From < next.From).Select(a => a.To is null || a.To >= next.From ? a with { To = next.From.AddDays(-1) } : a),
        next,
    ];

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

    private void RequireOpen(DateOnly date, string field = "date")
    {
        if (ClosesOn is { } closes && date > closes)
            throw new DomainRuleException("facility.closed", $"{Name} closed on {closes:yyyy-MM-dd}.", field);
    }
}
