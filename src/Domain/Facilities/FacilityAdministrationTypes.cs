using System.Text.Json.Serialization;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Facilities;

/// <summary>代表者.</summary>
/// <param name="Title">代表者職名 (e.g. 理事長, 代表取締役)</param>
/// <param name="Name">代表者氏名</param>
public sealed record Representative(string Title, string Name);

/// <summary>事業者 (the corporation that runs the facility: 設置者・運営法人).</summary>
/// <param name="CorporateName">法人名</param>
/// <param name="CorporateNameKana">法人名カナ</param>
/// <param name="CorporateNumber">事業者番号 (法人番号, 13 digits, the first a check digit)</param>
/// <param name="Representative">代表者 (職名, 氏名)</param>
public sealed record FacilityOperator(string CorporateName, string CorporateNameKana, string CorporateNumber, Representative Representative);

/// <summary>利用定員 by 認定区分 (separate from the 利用定員 by クラス年齢 that 利用調整 uses).</summary>
/// <param name="Certification1">1号認定の利用定員</param>
/// <param name="Certification2">2号認定の利用定員</param>
/// <param name="Certification3">3号認定の利用定員</param>
public sealed record UsageCapacity(int Certification1, int Certification2, int Certification3)
{
    /// <summary>2・3号の利用定員 (認定こども園 look up the 定員区分 of their 保育認定 children with it).</summary>
    public int Certification2And3 => Certification2 + Certification3;

    /// <summary>利用定員の合計.</summary>
    public int Total => Certification1 + Certification2 + Certification3;
}

/// <summary>根拠条文 of a 確認 (子ども・子育て支援法).</summary>
public enum ConfirmationBasis
{
    /// <summary>法31条 (特定教育・保育施設の確認: 認定こども園, 幼稚園, 保育所)</summary>
    [JsonStringEnumMemberName("article31")] Article31,
    /// <summary>法43条 (特定地域型保育事業者の確認: 小規模, 家庭的, 事業所内, 居宅訪問型)</summary>
    [JsonStringEnumMemberName("article43")] Article43,
}

/// <summary>確認の変更 as recorded.</summary>
/// <param name="ChangedOn">変更年月日</param>
/// <param name="Details">変更内容</param>
public sealed record ConfirmationChange(DateOnly ChangedOn, string Details);

/// <summary>確認 (法31条・法43条): given on a day, changed, and perhaps revoked (取消) from a later day.</summary>
/// <param name="ConfirmedOn">確認年月日</param>
/// <param name="Basis">根拠条文</param>
/// <param name="Changes">確認の変更</param>
/// <param name="RevokedOn">確認取消年月日 (not confirmed from this day on)</param>
/// <param name="RevocationReason">取消理由</param>
public sealed record Confirmation(DateOnly ConfirmedOn, ConfirmationBasis Basis, IReadOnlyList<ConfirmationChange> Changes, DateOnly? RevokedOn = null,
    string? RevocationReason = null)
{
    public bool CoversDay(DateOnly day) => ConfirmedOn <= day && (RevokedOn is null || day < RevokedOn);
}

/// <summary>分園.</summary>
/// <param name="Number">分園番号 (1, 2, … in the order registered)</param>
/// <param name="Name">分園名称</param>
/// <param name="Address">分園所在地</param>
/// <param name="From">分園開始年月日</param>
public sealed record Branch(int Number, string Name, Address Address, DateOnly From);

/// <summary>開所日・開所時間.</summary>
/// <param name="Days">開所曜日</param>
/// <param name="Opens">開所時刻</param>
/// <param name="Closes">閉所時刻</param>
/// <param name="ShortHours">時短 (the 開所時間 does not cover the 保育標準時間 of 11 hours)</param>
/// <param name="ExtendedCare">延長保育実施</param>
public sealed record OpeningSchedule(IReadOnlyList<DayOfWeek> Days, TimeOnly Opens, TimeOnly Closes, bool ShortHours, bool ExtendedCare)
{
    /// <summary>保育標準時間: up to 11 hours a day.</summary>
    public static readonly TimeSpan StandardHours = TimeSpan.FromHours(11);
}

/// <summary>指導監査の種類.</summary>
public enum InspectionKind
{
    /// <summary>検査 (実地検査・指導監査)</summary>
    [JsonStringEnumMemberName("inspection")] Inspection,
    /// <summary>勧告</summary>
    [JsonStringEnumMemberName("recommendation")] Recommendation,
    /// <summary>命令</summary>
    [JsonStringEnumMemberName("order")] Order,
}

/// <summary>指導監査 as recorded.</summary>
/// <param name="Kind">種類 (検査, 勧告, 命令)</param>
/// <param name="Date">実施年月日 (勧告・命令: その年月日)</param>
/// <param name="Summary">概要</param>
/// <param name="DueDate">期限 (勧告・命令 only: by when the facility must act)</param>
public sealed record Inspection(InspectionKind Kind, DateOnly Date, string Summary, DateOnly? DueDate);

/// <summary>Something recorded from a date until the next one (a change from a date replaces whatever was recorded from that date on).</summary>
public interface IEffectiveFrom
{
    DateOnly From { get; }
}

/// <summary>事業者 from a date.</summary>
public sealed record OperatorPeriod(DateOnly From, FacilityOperator Operator) : IEffectiveFrom;

/// <summary>施設類型 from a date.</summary>
public sealed record CategoryPeriod(DateOnly From, FacilityCategory Category) : IEffectiveFrom;

/// <summary>利用定員 by 認定区分 from a date.</summary>
public sealed record UsageCapacityPeriod(DateOnly From, UsageCapacity Capacity) : IEffectiveFrom;

/// <summary>開所日・開所時間 from a date.</summary>
public sealed record OpeningSchedulePeriod(DateOnly From, OpeningSchedule Schedule) : IEffectiveFrom;

/// <summary>地域区分 of a 年度.</summary>
/// <param name="FiscalYear">年度</param>
/// <param name="Category">地域区分</param>
public sealed record FiscalYearRegionCategory(int FiscalYear, RegionCategory Category);

/// <summary>
/// 事業所口座 (the account the 区 pays 給付費・委託費 into) for a period. Its 口座番号 and 口座名義 are sealed in the store with
/// the facility's key, like a guardian's account: a 家庭的保育者 is often a person.
/// </summary>
/// <param name="FacilityId">the facility (whose key seals the account)</param>
/// <param name="Account">口座 (金融機関コード, 支店コード, 預金種目, 口座番号, 口座名義カナ)</param>
/// <param name="From">適用開始年月日</param>
/// <param name="To">適用終了年月日 (open-ended when null)</param>
public sealed record FacilityBankAccountPeriod([property: DataSubject] Guid FacilityId, BankAccount Account, DateOnly From, DateOnly? To)
{
    public bool CoversDay(DateOnly day) => From <= day && (To is null || day <= To);
}

/// <summary>Effective-dated lists as the facility keeps them.</summary>
public static class EffectiveDated
{
    /// <summary>The list with <paramref name="next"/> in force from its date: whatever was recorded from that date on is replaced.</summary>
    public static IReadOnlyList<T> Replace<T>(IReadOnlyList<T>? periods, T next) where T : IEffectiveFrom =>
        [.. (periods ?? []).Where(p => p.From < next.From), next];

    /// <summary>The entry in force on the day (null before the first).</summary>
    public static T? On<T>(IReadOnlyList<T>? periods, DateOnly day) where T : class, IEffectiveFrom => periods?.LastOrDefault(p => p.From <= day);
}

/// <summary>法人番号: 13 digits, the first the 検査用数字 (check digit) over the twelve-digit 基礎番号 after it (国税庁's published formula).</summary>
public static class CorporateNumbers
{
    /// <summary>
    /// The check digit of a 12-digit 基礎番号: 9 − (Σ Pn × Qn mod 9), Pn the nth digit counted from the last, Qn 1 for odd n and
    /// 2 for even n (e.g. 国税庁 7000012050002: 9 − 11 mod 9 = 7).
    /// </summary>
    public static int CheckDigit(string twelveDigits)
    {
        var sum = 0;
        for (var n = 1; n <= 12; n++)
            sum += (twelveDigits[12 - n] - '0') * (n % 2 == 1 ? 1 : 2);
        return 9 - sum % 9;
    }

    public static bool IsWellFormed(string? number) => number is { Length: 13 } && number.All(char.IsAsciiDigit);

    public static bool IsValid(string? number) => IsWellFormed(number) && number![0] - '0' == CheckDigit(number[1..]);
}
