using KosodateShien.Application.Demo;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Bench.Fees;

/// <summary>One stream to start: the aggregate it belongs to, its id and its events in order.</summary>
public sealed record WorldStream(Type Aggregate, Guid Id, IReadOnlyList<object> Events);

/// <summary>What a generated ward holds.</summary>
public sealed record WorldCounts(int Households, int Guardians, int PlacedChildren, int OtherChildren, int TaxYears, int Certifications, int Facilities,
    int Placements, int Events);

/// <summary>
/// A synthetic ward for the stored-data fee benchmark: households of one or two guardians with 1–3 children attending a
/// facility in <see cref="Month"/> (and sometimes an older sibling at school), each guardian's 個人住民税 for the two 年度 the
/// fee rules read, a 保育認定 (2号/3号, 3号→2号 at 満3歳 where due) per placed child, facilities, and a running placement per
/// placed child with its クラス進級 up to the month's 年度. Every stream is built through the domain's decision methods
/// (<c>Certification.Apply/Approve/ChangeAtAgeThree</c>, <c>CertificationAssessment</c>, <c>Facility.Register</c>,
/// <c>Placement.ProgressClass</c>) and every class stays within its 利用定員, so it obeys the API's rules. Names come from the demo's table
/// (<see cref="JapaneseNames"/>); everything is deterministic for a seed: the same seed, size and month give the same ids.
/// </summary>
public sealed class StoredFeeWorld
{
    private const double SingleParentShare = 0.12, PublicAssistanceShare = 0.015, NonTaxableShare = 0.04, SchoolSiblingShare = 0.15;
    /// <summary>Children per facility the ward starts with (a facility is added when none has a place for a child).</summary>
    public const int DefaultChildrenPerFacility = 80;

    private readonly Random random;
    private readonly CertificationRuleSet rules = CertificationRuleSet.Default;
    private readonly List<WorldStream> streams = [];
    private readonly List<Facility> facilities = [];
    private readonly Dictionary<Guid, int> facilityStreams = [];
    private readonly Dictionary<(Guid Facility, int FiscalYear, int ClassAge), int> seatsTaken = [];
    private int households, guardians, placed, others, taxYears, certifications, placements, events, personNumber, certificationNumber, contractNumber;

    private StoredFeeWorld(int seed, DateOnly month)
    {
        random = new Random(seed);
        Month = month;
    }

    /// <summary>The month the placements run in (the month whose fees the benchmark determines).</summary>
    public DateOnly Month { get; }

    public IReadOnlyList<WorldStream> Streams => streams;

    /// <summary>The facilities as their streams leave them, in the order they were registered.</summary>
    public IReadOnlyList<Facility> Facilities => facilities;

    public WorldCounts Counts => new(households, guardians, placed, others, taxYears, certifications, facilities.Count, placements, events);

    /// <param name="children">children with a running placement in the month (the ward's size)</param>
    /// <param name="childrenPerFacility">how many children a facility takes on average (the ward has children ÷ this facilities, at least 3)</param>
    public static StoredFeeWorld Generate(int children, int seed, DateOnly month, int childrenPerFacility = DefaultChildrenPerFacility)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(children, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(childrenPerFacility, 1);
        if (month.Day != 1) throw new ArgumentException("The month is its first day.", nameof(month));
        var world = new StoredFeeWorld(seed, month);
        world.AddFacilities(Math.Max(3, (children + childrenPerFacility - 1) / childrenPerFacility));
        while (world.placed < children) world.AddHousehold(Math.Min(children - world.placed, world.PlacedChildrenInHousehold()));
        return world;
    }

    private int PlacedChildrenInHousehold() => random.NextDouble() switch { < 0.70 => 1, < 0.95 => 2, _ => 3 };

    private void AddFacilities(int count)
    {
        var first = facilities.Count;
        for (var i = first; i < first + count; i++)
        {
            var id = NextGuid();
            var registered = Facility.Register(id, $"13104{i + 1:D5}", $"ベンチ第{i + 1}保育園", FacilityKind.NurserySchool, Address(), new DateOnly(2000, 4, 1),
                new SeatsByAgeClass(25, 20, 20, 20, 20, 20));
            facilities.Add(Facility.Evolve(null, registered)!);
            facilityStreams[id] = streams.Count;
            Add(typeof(Facility), id, [registered]);
        }
    }

    private void AddHousehold(int placedChildren)
    {
        var householdId = NextGuid();
        var household = new List<object>();
        var moveIn = Month.AddYears(-6).AddDays(-random.Next(0, 3650));
        household.Add(Household.Register(householdId, $"H{++households:D9}", Address(), moveIn, RegistryChangeReason.MoveIn));
        var surname = Pick(JapaneseNames.Surnames);

        var singleParent = random.NextDouble() < SingleParentShare;
        var guardianIds = new List<Guid>();
        foreach (var sex in singleParent ? new[] { random.NextDouble() < 0.85 ? Sex.Female : Sex.Male } : new[] { Sex.Male, Sex.Female })
        {
            var id = Person(surname, JapaneseNames.ParentGivenNames(sex), Month.AddYears(-random.Next(25, 46)).AddDays(-random.Next(0, 365)), sex);
            household.Add(new HouseholdMemberJoined(householdId, id, HouseholdRole.Guardian, guardianIds.Count == 0 ? "世帯主" : sex == Sex.Female ? "妻" : "夫",
                moveIn, RegistryChangeReason.MoveIn));
            guardianIds.Add(id);
            guardians++;
        }

        // Children attending a facility in the month: born so that they are 0歳児–5歳児 in its 年度 and at least 57 days old.
        var fiscalYear = JapaneseDates.FiscalYearOf(Month);
        var births = new List<DateOnly>();
        for (var i = 0; i < placedChildren; i++)
        {
            var firstBirth = new DateOnly(fiscalYear - 6, 4, 2);
            var lastBirth = Month.AddDays(-57);
            births.Add(firstBirth.AddDays(random.Next(0, lastBirth.DayNumber - firstBirth.DayNumber + 1)));
        }
        var children = births.OrderBy(b => b).Select(birth =>
        {
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            return (Id: Person(surname, JapaneseNames.ChildGivenNames(sex), birth, sex), Birth: birth);
        }).ToList();
        foreach (var (id, birth) in children)
            household.Add(new HouseholdMemberJoined(householdId, id, HouseholdRole.Child, "子", birth > moveIn ? birth : moveIn,
                birth > moveIn ? RegistryChangeReason.Birth : RegistryChangeReason.MoveIn));
        if (random.NextDouble() < SchoolSiblingShare)
        {
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            var id = Person(surname, JapaneseNames.ChildGivenNames(sex), new DateOnly(fiscalYear - 8, 4, 2).AddDays(random.Next(0, 365)), sex);
            household.Add(new HouseholdMemberJoined(householdId, id, HouseholdRole.Child, "子", moveIn, RegistryChangeReason.MoveIn));
            others++;
        }

        if (singleParent) household.Add(new WelfareStatusStarted(householdId, WelfareKind.SingleParent, moveIn, null));
        if (random.NextDouble() < PublicAssistanceShare) household.Add(new WelfareStatusStarted(householdId, WelfareKind.PublicAssistance, Month.AddMonths(-random.Next(2, 40)), null));
        Add(typeof(Household), householdId, household);

        AddTaxYears(guardianIds, fiscalYear);
        var hours = guardianIds.ToDictionary(g => g, _ => random.NextDouble() < 0.8 ? 160 : 100);
        foreach (var (id, birth) in children) AddPlacement(householdId, guardianIds, hours, id, birth);
    }

    private void AddTaxYears(IReadOnlyList<Guid> guardianIds, int fiscalYear)
    {
        var nonTaxable = random.NextDouble() < NonTaxableShare;
        for (var i = 0; i < guardianIds.Count; i++)
        {
            // The main earner's 所得割 is log-normal around ~150,000 yen; a second earner earns less or nothing.
            var main = i == 0;
            foreach (var year in new[] { fiscalYear - 1, fiscalYear })
            {
                var levy = nonTaxable || !main && random.NextDouble() < 0.3 ? 0 : (long)(Math.Exp((main ? 11.7 : 11.0) + random.NextDouble() * 1.2) / 100) * 100;
                var figures = TaxFigures.Create(levy, nonTaxable ? 0 : 5_000, nonTaxable, FilingType.SalaryReport);
                var assessed = TaxYear.Assess(guardianIds[i], year, figures, new DateOnly(year, 6, 1));
                Add(typeof(TaxYear), assessed.TaxYearId, [assessed]);
                taxYears++;
            }
        }
    }

    private void AddPlacement(Guid householdId, IReadOnlyList<Guid> guardianIds, IReadOnlyDictionary<Guid, int> hours, Guid childId, DateOnly birth)
    {
        // Started on the 1st of a month when the child was at least 57 days old: mostly an April, within the last three years.
        var earliest = birth.AddDays(57);
        var first = JapaneseDates.FirstOfMonth(earliest) < earliest ? JapaneseDates.FirstOfMonth(earliest).AddMonths(1) : earliest;
        if (first < Month.AddYears(-3)) first = Month.AddYears(-3);
        var months = (Month.Year - first.Year) * 12 + Month.Month - first.Month;
        var candidates = Enumerable.Range(0, months + 1).Select(m => first.AddMonths(m)).ToList();
        var aprils = candidates.Where(m => m.Month == 4).ToList();
        var startsOn = aprils.Count > 0 && random.NextDouble() < 0.85 ? Pick(aprils) : Pick(candidates);

        // 保育認定 from the start, applied for about a month before and decided a week before.
        var certificationId = NextGuid();
        var applicationDate = startsOn.AddDays(-random.Next(30, 60));
        var applied = CertificationState.Apply(certificationId, childId, guardianIds[0], householdId, applicationDate < birth ? birth : applicationDate, ApplicationKind.New, true,
            startsOn, null, [.. guardianIds.Select(g => new CareNeed(g, CareNeedReason.Employment, hours[g]))], [], true, rules);
        var certification = CertificationState.Evolve(null, applied)!;
        var assessment = CertificationAssessment.Assess(new AssessmentRequest(birth, certification.StartDate, null, true, certification.Needs, [.. guardianIds]), rules);
        var approved = certification.Approve(startsOn.AddDays(-7) < applied.ApplicationDate ? applied.ApplicationDate : startsOn.AddDays(-7),
            $"{++certificationNumber:D10}", assessment);
        certification = CertificationState.Evolve(certification, approved)!;
        var certificationEvents = new List<object> { applied, approved };
        foreach (var change in certification.ChangeAtAgeThree(Month))
        {
            certificationEvents.Add(change);
            certification = CertificationState.Evolve(certification, change)!;
        }
        Add(typeof(CertificationState), certificationId, certificationEvents);
        certifications++;

        var placementId = NextGuid();
        var startFiscalYear = JapaneseDates.FiscalYearOf(startsOn);
        var facility = FacilityWithPlace(birth, startFiscalYear);
        var started = new PlacementStarted(placementId, $"K{startFiscalYear:D4}{++contractNumber:D6}", childId, householdId, certificationId, facility.Id, null,
            PlacementSource.Direct, ServiceKind.NurseryCare, startsOn.AddDays(-7), startsOn.AddDays(-3), startsOn, JapaneseDates.ClassAge(birth, startFiscalYear));
        var placement = Placement.Evolve(null, started)!;
        var placementEvents = new List<object> { started };
        // クラス進級 every April since the start, up to the month's 年度 (an April run does its own).
        var lastProgression = Month.Month == 4 ? JapaneseDates.FiscalYearOf(Month) - 1 : JapaneseDates.FiscalYearOf(Month);
        for (var year = startFiscalYear + 1; year <= lastProgression; year++)
            if (placement.ProgressClass(year, birth) is { } progressed)
            {
                placementEvents.Add(progressed);
                placement = Placement.Evolve(placement, progressed)!;
            }
        Add(typeof(Placement), placementId, placementEvents);
        placements++;
        placed++;
    }

    /// <summary>
    /// A facility with a place under its 利用定員 in the child's class of every 年度 from the start to the month's, so the
    /// placement passes the API's check whenever it was entered: a random one, else the next that has one, else a new one.
    /// </summary>
    private Facility FacilityWithPlace(DateOnly birth, int startFiscalYear)
    {
        var classes = Enumerable.Range(startFiscalYear, JapaneseDates.FiscalYearOf(Month) - startFiscalYear + 1)
            .Select(year => (Year: year, ClassAge: JapaneseDates.ClassAge(birth, year))).ToList();
        var first = random.Next(facilities.Count);
        var facility = Enumerable.Range(0, facilities.Count).Select(i => facilities[(first + i) % facilities.Count])
            .FirstOrDefault(f => classes.All(c => seatsTaken.GetValueOrDefault((f.Id, c.Year, c.ClassAge)) < f.Capacity[c.ClassAge]));
        if (facility is null)
        {
            AddFacilities(1);
            facility = facilities[^1];
        }
        foreach (var (year, classAge) in classes) seatsTaken[(facility.Id, year, classAge)] = seatsTaken.GetValueOrDefault((facility.Id, year, classAge)) + 1;
        return facility;
    }

    /// <summary>
    /// Appends to every facility's stream the events <paramref name="decisions"/> decide, in order, each on the facility as the
    /// events before it left it (so each carries the next 事業所履歴番号), e.g. the 事業者管理 the 給付費 needs.
    /// </summary>
    public void DecideForFacilities(params Func<Facility, object>[] decisions)
    {
        for (var i = 0; i < facilities.Count; i++)
        {
            var facility = facilities[i];
            var stream = streams[facilityStreams[facility.Id]];
            var appended = new List<object>(stream.Events);
            foreach (var decide in decisions)
            {
                var decided = decide(facility);
                facility = Facility.Evolve(facility, decided)!;
                appended.Add(decided);
            }
            facilities[i] = facility;
            streams[facilityStreams[facility.Id]] = stream with { Events = appended };
            events += decisions.Length;
        }
    }

    /// <summary>Adds a stream of another area (e.g. a facility's 加算認定), written with the ward.</summary>
    public void AddStream(Type aggregate, Guid id, IReadOnlyList<object> streamEvents) => Add(aggregate, id, streamEvents);

    private Guid Person(NamePart surname, IReadOnlyList<NamePart> givenNames, DateOnly birth, Sex sex)
    {
        var id = NextGuid();
        var (name, kana) = JapaneseNames.FullName(surname, Pick(givenNames));
        Add(typeof(Person), id, [new PersonRegistered(id, $"{++personNumber:D15}", name, kana, birth, sex)]);
        return id;
    }

    private Address Address() =>
        new($"160-{random.Next(0, 10000):D4}", $"東京都新宿区ベンチ町{random.Next(1, 10)}丁目{random.Next(1, 30)}番{random.Next(1, 20)}号");

    private void Add(Type aggregate, Guid id, IReadOnlyList<object> streamEvents)
    {
        streams.Add(new WorldStream(aggregate, id, streamEvents));
        events += streamEvents.Count;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
