using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Registry;

// Household stream (世帯). Business dates are the 住民記録 effective dates (異動日).

/// <summary>世帯の登録 (転入・出生・世帯分離による新世帯).</summary>
public sealed record HouseholdRegistered([property: DataSubject] Guid HouseholdId, string HouseholdNumber, Address Address, DateOnly EffectiveDate, RegistryChangeReason Reason);

/// <summary>世帯員の異動 (加入).</summary>
public sealed record HouseholdMemberJoined(Guid HouseholdId, Guid PersonId, HouseholdRole Role, string Relationship, DateOnly EffectiveDate, RegistryChangeReason Reason);

/// <summary>世帯員の異動 (転出・死亡・世帯変更による離脱).</summary>
public sealed record HouseholdMemberLeft(Guid HouseholdId, Guid PersonId, DateOnly EffectiveDate, RegistryChangeReason Reason);

/// <summary>世帯住所の変更 (転居).</summary>
public sealed record HouseholdAddressChanged([property: DataSubject] Guid HouseholdId, Address Address, DateOnly EffectiveDate, RegistryChangeReason Reason);

/// <summary>福祉状況の開始 (生活保護開始年月日 等). PersonId names the member it concerns, if not the whole household.</summary>
public sealed record WelfareStatusStarted(Guid HouseholdId, WelfareKind Kind, DateOnly StartDate, Guid? PersonId);

/// <summary>福祉状況の終了 (生活保護廃止年月日 等).</summary>
public sealed record WelfareStatusEnded(Guid HouseholdId, WelfareKind Kind, DateOnly EndDate, Guid? PersonId);

// Person stream (宛名).

/// <summary>宛名の登録: 宛名番号, 氏名, フリガナ, 生年月日, 性別.</summary>
public sealed record PersonRegistered([property: DataSubject] Guid PersonId, string PersonNumber, [property: PersonalData] string Name,
    [property: PersonalData] string Kana, DateOnly BirthDate, Sex Sex);

/// <summary>宛名の訂正・氏名変更.</summary>
public sealed record PersonDetailsChanged([property: DataSubject] Guid PersonId, [property: PersonalData] string Name, [property: PersonalData] string Kana, DateOnly BirthDate, Sex Sex, DateOnly EffectiveDate, RegistryChangeReason Reason);

/// <summary>連絡先 (保護者連絡先, 保護者連絡先区分).</summary>
public sealed record ContactDetailsRecorded([property: DataSubject] Guid PersonId, ContactKind Kind, [property: PersonalData] string Value, DateOnly EffectiveDate);

// Tax-year stream (個人住民税: one stream per person and 年度).

/// <summary>個人住民税の課税情報 (年度, 所得割額, 均等割額, 非課税, 申告区分).</summary>
public sealed record TaxAssessed(Guid TaxYearId, Guid PersonId, int FiscalYear, long IncomeLevy, long PerCapitaLevy, bool NonTaxable, FilingType FilingType, DateOnly AssessedOn);

/// <summary>税更正: the tax office amended a year's assessment. Carries the full new figures.</summary>
public sealed record TaxAssessmentCorrected(Guid TaxYearId, Guid PersonId, int FiscalYear, long IncomeLevy, long PerCapitaLevy, bool NonTaxable, FilingType FilingType, DateOnly CorrectedOn, string Reason);
