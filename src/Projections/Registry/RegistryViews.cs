using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Projections.Registry;

/// <summary>世帯情報 as the household screen shows it.</summary>
/// <param name="HouseholdNumber">世帯識別番号</param>
/// <param name="Version">the household stream version to send with the next change</param>
public sealed record HouseholdView(
    Guid Id,
    string HouseholdNumber,
    Address Address,
    int Version,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<MemberView> FormerMembers,
    IReadOnlyList<WelfarePeriod> Welfare);

/// <summary>世帯員: the person's 宛名 with their place in the household and their 税情報 by 年度.</summary>
/// <param name="PersonNumber">宛名番号</param>
/// <param name="Name">氏名</param>
/// <param name="Kana">フリガナ</param>
/// <param name="BirthDate">生年月日</param>
/// <param name="Role">保護者区分</param>
/// <param name="Relationship">続柄</param>
/// <param name="PersonVersion">the person stream version (for contact and name changes)</param>
public sealed record MemberView(
    Guid PersonId,
    string PersonNumber,
    string Name,
    string Kana,
    DateOnly BirthDate,
    Sex Sex,
    HouseholdRole Role,
    string Relationship,
    DateOnly Since,
    DateOnly? Until,
    int PersonVersion,
    IReadOnlyList<Contact> Contacts,
    IReadOnlyList<TaxYearView> TaxYears);

/// <summary>税情報 for one 年度 (所得割額, 均等割額, 非課税, 申告区分), with its version for 税更正.</summary>
public sealed record TaxYearView(Guid Id, int FiscalYear, long IncomeLevy, long PerCapitaLevy, bool NonTaxable, FilingType FilingType, DateOnly AssessedOn, int Corrections, int Version)
{
    public static TaxYearView From(TaxYear t) => new(t.Id, t.FiscalYear, t.IncomeLevy, t.PerCapitaLevy, t.NonTaxable, t.FilingType, t.AssessedOn, t.Corrections, t.Version);
}

/// <summary>児童台帳: the child, their household, guardians with tax years, welfare status and certifications.</summary>
/// <param name="Age">満年齢 today</param>
/// <param name="ClassAge">クラス年齢 in the current 年度</param>
public sealed record ChildFile(
    Guid Id,
    string PersonNumber,
    string Name,
    string Kana,
    DateOnly BirthDate,
    Sex Sex,
    int Age,
    int ClassAge,
    ChildHousehold? Household,
    IReadOnlyList<MemberView> Guardians,
    IReadOnlyList<WelfarePeriod> Welfare,
    IReadOnlyList<CertificationSummary> Certifications);

/// <summary>The child's current 世帯.</summary>
public sealed record ChildHousehold(Guid Id, string HouseholdNumber, Address Address, string Relationship, int Version);

/// <summary>One certification in a list: 支給認定区分, 保育必要量, 有効期間 and state.</summary>
public sealed record CertificationSummary(
    Guid Id,
    Guid ChildId,
    CertificationStatus Status,
    DateOnly ApplicationDate,
    DateOnly DecisionDueDate,
    string? CertificationNumber,
    CertificationCategory? Category,
    CareLevel? CareLevel,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int MissingDocuments,
    int Version)
{
    public static CertificationSummary From(Domain.Certification.Certification c) => new(c.Id, c.ChildId, c.Status, c.ApplicationDate, c.DecisionDueDate,
        c.CertificationNumber, c.Category, c.CareLevel, c.ValidFrom, c.ValidTo, c.MissingDocuments.Count, c.Version);
}
