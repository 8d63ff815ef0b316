namespace KosodateShien.Application.Demo;

/// <summary>One event stream to write: id and its events in order.</summary>
public sealed record DemoStream(Guid Id, IReadOnlyList<object> Events);

/// <summary>
/// Generated demo data: every stream to append, how far the number sequences were used
/// (so the service can move its database sequences past them) and what was generated.
/// </summary>
/// <param name="CertificationNumbersUsed">the last 支給認定者番号 sequence value used (sequences start at 1)</param>
/// <param name="CertificateNumbersUsed">the last 認定証発行処理番号 sequence value used (sequences start at 1)</param>
/// <param name="ApplicationNumbersUsed">the last 利用申込受付番号 sequence value used (sequences start at 1)</param>
/// <param name="AllocationMonth">the month the facilities declared vacancies for and the applications ask for (the next April)</param>
/// <param name="ContractNumbersUsed">the last 契約履歴番号 sequence value used (sequences start at 1)</param>
/// <param name="PlacementMonth">the month the placements run in (the first day of today's month): the month to determine fees for</param>
/// <param name="ExtendedCareNumbersUsed">the last 延長保育 申請番号 sequence value used, which is also how many 延長保育 contracts there are</param>
public sealed record DemoDataSet(
    IReadOnlyList<DemoStream> Streams,
    long CertificationNumbersUsed,
    long CertificateNumbersUsed,
    DemoStatistics Statistics,
    long ApplicationNumbersUsed,
    DateOnly AllocationMonth,
    long ContractNumbersUsed,
    DateOnly PlacementMonth,
    long ExtendedCareNumbersUsed);

/// <summary>
/// Counts of what a demo run generated. <see cref="CertificationsByState"/> is keyed by <c>CertificationStatus</c> name,
/// <see cref="FacilitiesByKind"/> by <c>FacilityKind</c> name; <see cref="VacanciesByAgeClass"/> and
/// <see cref="ApplicationsByAgeClass"/> list クラス年齢 0歳児…5歳児 for the allocation month.
/// </summary>
/// <param name="Vacancies">空き定員 declared for the allocation month, all classes</param>
/// <param name="PlacementApplications">利用申込, of which <paramref name="TransferApplications"/> 転園</param>
/// <param name="SiblingGroups">きょうだい同時申込 groups (two applications each)</param>
/// <param name="Placements">契約 (placement streams), of which <paramref name="EndedPlacements"/> have ended (退所)</param>
public sealed record DemoStatistics(
    int Households,
    int Persons,
    int Children,
    int Guardians,
    int TaxYears,
    int Certifications,
    IReadOnlyDictionary<string, int> CertificationsByState,
    int Facilities,
    IReadOnlyDictionary<string, int> FacilitiesByKind,
    int Vacancies,
    IReadOnlyList<int> VacanciesByAgeClass,
    int PlacementApplications,
    IReadOnlyList<int> ApplicationsByAgeClass,
    int TransferApplications,
    int SiblingGroups,
    int Placements,
    int EndedPlacements);

/// <summary>How much to generate: the default is about 6,000 children in about 4,500 households, 200 facilities, 1,500 利用申込 and 1,800 契約.</summary>
public sealed record DemoSize(int Households = 4500);
