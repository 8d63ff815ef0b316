using KosodateShien.Domain.Common;
using KosodateShien.Domain.Privacy;

namespace KosodateShien.Domain.Registry;

/// <summary>世帯員 (a current or former member of the household).</summary>
/// <param name="Relationship">続柄 as the resident register writes it (世帯主, 妻, 子 …).</param>
public sealed record HouseholdMember(Guid PersonId, HouseholdRole Role, string Relationship, DateOnly Since, DateOnly? Until = null, RegistryChangeReason? LeftBecause = null);

/// <summary>A welfare status period (福祉状況: 開始年月日 / 終了年月日).</summary>
public sealed record WelfarePeriod(WelfareKind Kind, DateOnly StartDate, DateOnly? EndDate, Guid? PersonId)
{
    public bool IsOpen => EndDate is null;
    public bool CoversDate(DateOnly date) => StartDate <= date && (EndDate is null || date <= EndDate);
}

/// <summary>世帯: the write model of a household stream. Keeps its full membership history.</summary>
/// <param name="HouseholdNumber">世帯識別番号</param>
public sealed record Household(
    [property: DataSubject] Guid Id,
    string HouseholdNumber,
    Address Address,
    IReadOnlyList<HouseholdMember> Members,
    IReadOnlyList<WelfarePeriod> Welfare) : IStreamVersioned
{
    /// <summary>The stream version, filled by the event store.</summary>
    public int Version { get; set; }

    public IEnumerable<HouseholdMember> CurrentMembers => Members.Where(m => m.Until is null);
    public IEnumerable<Guid> CurrentGuardianIds => CurrentMembers.Where(m => m.Role == HouseholdRole.Guardian).Select(m => m.PersonId);
    public HouseholdMember? CurrentMember(Guid personId) => CurrentMembers.FirstOrDefault(m => m.PersonId == personId);

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(HouseholdAddressChanged),
        typeof(Privacy.HouseholdAddressErased),
        typeof(HouseholdMemberJoined),
        typeof(HouseholdMemberLeft),
        typeof(HouseholdRegistered),
        typeof(WelfareStatusEnded),
        typeof(WelfareStatusStarted),
    ];

    public static Household? Evolve(Household? state, object @event) => (state, @event) switch
    {
        (null, HouseholdRegistered e) => new Household(e.HouseholdId, e.HouseholdNumber, e.Address, [], []),
        (not null, HouseholdMemberJoined e) => state with
        {
            Members = [.. state.Members, new HouseholdMember(e.PersonId, e.Role, e.Relationship, e.EffectiveDate)],
        },
        (not null, HouseholdMemberLeft e) => state with
        {
            Members = [.. state.Members.Select(m => m.PersonId == e.PersonId && m.Until is null
                ? m with { Until = e.EffectiveDate, LeftBecause = e.Reason } : m)],
        },
        (not null, HouseholdAddressChanged e) => state with { Address = e.Address },
        (not null, HouseholdAddressErased) => state with { Address = new Address(PersonalData.Erased, PersonalData.Erased) },
        (not null, WelfareStatusStarted e) => state with
        {
            Welfare = [.. state.Welfare, new WelfarePeriod(e.Kind, e.StartDate, null, e.PersonId)],
        },
        (not null, WelfareStatusEnded e) => state with
        {
            Welfare = [.. state.Welfare.Select(w => w.IsOpen && w.Kind == e.Kind && w.PersonId == e.PersonId
                ? w with { EndDate = e.EndDate } : w)],
        },
        _ => state,
    };

    public static HouseholdRegistered Register(Guid id, string householdNumber, Address address, DateOnly effectiveDate, RegistryChangeReason reason) =>
        new(id, householdNumber, address, effectiveDate, reason);

    public HouseholdMemberJoined Join(Guid personId, HouseholdRole role, string relationship, DateOnly effectiveDate, RegistryChangeReason reason)
    {
        if (CurrentMember(personId) is not null)
            throw new DomainRuleException("registry.already-member", $"Person {personId} is already a member of household {HouseholdNumber}.", "personId");
        return new HouseholdMemberJoined(Id, personId, role, relationship, effectiveDate, reason);
    }

    public HouseholdMemberLeft Leave(Guid personId, DateOnly effectiveDate, RegistryChangeReason reason)
    {
        var member = CurrentMember(personId)
            ?? throw new DomainRuleException("registry.not-a-member", $"Person {personId} is not a current member of household {HouseholdNumber}.", "personId");
        if (effectiveDate < member.Since)
            throw new DomainRuleException("registry.leave-before-join", $"The departure date {effectiveDate:yyyy-MM-dd} is before the member joined on {member.Since:yyyy-MM-dd}.", "date");
        if (reason is not (RegistryChangeReason.MoveOut or RegistryChangeReason.Death or RegistryChangeReason.HouseholdChange or RegistryChangeReason.Correction))
            throw new DomainRuleException("registry.leave-reason", $"'{reason}' is not a reason for leaving a household.", "reason");
        return new HouseholdMemberLeft(Id, personId, effectiveDate, reason);
    }

    public HouseholdAddressChanged ChangeAddress(Address address, DateOnly effectiveDate, RegistryChangeReason reason) =>
        new(Id, address, effectiveDate, reason);

    public WelfareStatusStarted StartWelfare(WelfareKind kind, DateOnly startDate, Guid? personId)
    {
        RequireMemberIfNamed(personId);
        if (Welfare.Any(w => w.IsOpen && w.Kind == kind && w.PersonId == personId))
            throw new DomainRuleException("registry.welfare-already-open", $"{kind} is already recorded as ongoing; end it before starting a new period.", "kind");
        return new WelfareStatusStarted(Id, kind, startDate, personId);
    }

    public WelfareStatusEnded EndWelfare(WelfareKind kind, DateOnly endDate, Guid? personId)
    {
        var open = Welfare.FirstOrDefault(w => w.IsOpen && w.Kind == kind && w.PersonId == personId)
            ?? throw new DomainRuleException("registry.welfare-not-open", $"There is no ongoing {kind} period to end.", "kind");
        if (endDate < open.StartDate)
            throw new DomainRuleException("registry.welfare-end-before-start", $"The end date {endDate:yyyy-MM-dd} is before the start date {open.StartDate:yyyy-MM-dd}.", "date");
        return new WelfareStatusEnded(Id, kind, endDate, personId);
    }

    private void RequireMemberIfNamed(Guid? personId)
    {
        if (personId is { } id && CurrentMember(id) is null)
            throw new DomainRuleException("registry.not-a-member", $"Person {id} is not a current member of household {HouseholdNumber}.", "personId");
    }
}
