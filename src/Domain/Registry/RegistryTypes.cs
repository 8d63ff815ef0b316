using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Registry;

/// <summary>保護者区分: the member's role in the household for childcare purposes.</summary>
public enum HouseholdRole
{
    /// <summary>保護者</summary>
    Guardian,
    /// <summary>児童</summary>
    Child,
    /// <summary>その他の世帯員</summary>
    Other,
}

/// <summary>性別</summary>
public enum Sex { Male, Female }

/// <summary>異動事由: why the resident register changed (住民記録 change reason).</summary>
public enum RegistryChangeReason
{
    /// <summary>転入</summary>
    MoveIn,
    /// <summary>出生</summary>
    Birth,
    /// <summary>世帯変更 (moved between households within the municipality)</summary>
    HouseholdChange,
    /// <summary>転居 (address change within the municipality)</summary>
    Relocation,
    /// <summary>転出</summary>
    MoveOut,
    /// <summary>死亡</summary>
    Death,
    /// <summary>職権修正 (correction by the registry office)</summary>
    Correction,
}

/// <summary>福祉状況の種類: welfare statuses that change fees, priority and exemptions.</summary>
public enum WelfareKind
{
    /// <summary>生活保護 (開始/廃止)</summary>
    PublicAssistance,
    /// <summary>ひとり親世帯</summary>
    SingleParent,
    /// <summary>特別児童扶養手当</summary>
    SpecialChildRearingAllowance,
    /// <summary>在宅障害児(者)世帯</summary>
    HomeDisability,
}

/// <summary>申告区分: how the person's income reached the 住民税 office.</summary>
public enum FilingType
{
    /// <summary>給与支払報告</summary>
    SalaryReport,
    /// <summary>確定申告</summary>
    FinalReturn,
    /// <summary>住民税申告</summary>
    ResidentTaxReturn,
    /// <summary>公的年金等支払報告</summary>
    PensionReport,
    /// <summary>未申告</summary>
    NotFiled,
}

/// <summary>保護者連絡先区分</summary>
public enum ContactKind { Mobile, Home, Work, Email }

/// <summary>住所 (郵便番号 + 住所).</summary>
public sealed record Address([property: PersonalData] string PostalCode, [property: PersonalData] string Text);
