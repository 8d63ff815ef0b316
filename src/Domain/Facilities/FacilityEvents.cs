using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Facilities;

/// <summary>施設・事業所の登録: 事業所番号, 名称, 種類, 住所, 開始日, 利用定員 by クラス年齢.</summary>
public sealed record FacilityRegistered(Guid FacilityId, string FacilityNumber, string Name, FacilityKind Kind, Address Address, DateOnly OpensOn, SeatsByAgeClass Capacity);

/// <summary>利用定員の変更 from a date.</summary>
public sealed record FacilityCapacityChanged(Guid FacilityId, SeatsByAgeClass Capacity, DateOnly EffectiveFrom, string Reason);

/// <summary>空き定員 (受入可能数) for a month, as the facility declares it for 利用調整. A later declaration for the same month replaces it.</summary>
public sealed record VacanciesDeclared(Guid FacilityId, DateOnly Month, SeatsByAgeClass Seats, DateOnly DeclaredOn);

/// <summary>施設・事業所の終了 (終了日, 理由).</summary>
public sealed record FacilityClosed(Guid FacilityId, DateOnly ClosesOn, string Reason);

// 事業者管理: each event below carries the facility's new 事業所履歴番号 (it goes up by one with every change of these).

/// <summary>事業者の登録: the first 事業者 recorded for the facility, from a date.</summary>
/// <param name="EffectiveFrom">適用開始年月日</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityOperatorRecorded(Guid FacilityId, FacilityOperator Operator, DateOnly EffectiveFrom, int HistoryNumber);

/// <summary>事業者の変更 (法人名, 代表者, …) from a date.</summary>
/// <param name="EffectiveFrom">変更年月日</param>
/// <param name="Reason">変更理由</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityOperatorChanged(Guid FacilityId, FacilityOperator Operator, DateOnly EffectiveFrom, string? Reason, int HistoryNumber);

/// <summary>施設類型 assigned for the first time, from a date.</summary>
/// <param name="EffectiveFrom">適用開始年月日</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityCategoryAssigned(Guid FacilityId, FacilityCategory Category, DateOnly EffectiveFrom, int HistoryNumber);

/// <summary>施設類型の変更 from a date (e.g. 小規模保育事業B型 → A型).</summary>
/// <param name="EffectiveFrom">変更年月日</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityCategoryChanged(Guid FacilityId, FacilityCategory Category, DateOnly EffectiveFrom, int HistoryNumber);

/// <summary>地域区分 for a 年度 (April–March); a later one for the same 年度 replaces it.</summary>
/// <param name="FiscalYear">年度</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record RegionCategoryAssigned(Guid FacilityId, int FiscalYear, RegionCategory Category, int HistoryNumber);

/// <summary>利用定員 by 認定区分 from a date.</summary>
/// <param name="EffectiveFrom">適用開始年月日</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record UsageCapacityChanged(Guid FacilityId, UsageCapacity Capacity, DateOnly EffectiveFrom, int HistoryNumber);

/// <summary>確認 (法31条 特定教育・保育施設 / 法43条 特定地域型保育事業者).</summary>
/// <param name="ConfirmedOn">確認年月日</param>
/// <param name="Basis">根拠条文</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityConfirmed(Guid FacilityId, DateOnly ConfirmedOn, ConfirmationBasis Basis, int HistoryNumber);

/// <summary>確認の変更 (確認内容の変更).</summary>
/// <param name="ChangedOn">変更年月日</param>
/// <param name="Details">変更内容</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityConfirmationChanged(Guid FacilityId, DateOnly ChangedOn, string Details, int HistoryNumber);

/// <summary>確認の取消: no 給付費 for any day from <paramref name="RevokedOn"/>.</summary>
/// <param name="RevokedOn">取消年月日</param>
/// <param name="Reason">取消理由</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityConfirmationRevoked(Guid FacilityId, DateOnly RevokedOn, string Reason, int HistoryNumber);

/// <summary>分園の登録.</summary>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record BranchRegistered(Guid FacilityId, Branch Branch, int HistoryNumber);

/// <summary>開所日・開所時間 (開所曜日, 開所時刻, 閉所時刻, 時短, 延長保育実施) from a date.</summary>
/// <param name="EffectiveFrom">適用開始年月日</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record OpeningScheduleChanged(Guid FacilityId, OpeningSchedule Schedule, DateOnly EffectiveFrom, int HistoryNumber);

/// <summary>
/// 事業所口座の登録: the first account the 区 pays into, from <paramref name="From"/> (to <paramref name="To"/>). The account is
/// sealed with the facility's key (<see cref="DataSubjectAttribute"/>).
/// </summary>
/// <param name="From">適用開始年月日</param>
/// <param name="To">適用終了年月日 (open-ended when null)</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityBankAccountRegistered([property: DataSubject] Guid FacilityId, BankAccount Account, DateOnly From, DateOnly? To,
    int HistoryNumber);

/// <summary>
/// 事業所口座の変更: another account from <paramref name="From"/>; whatever account was in force from that day on ends the day
/// before (sealed like <see cref="FacilityBankAccountRegistered"/>).
/// </summary>
/// <param name="From">適用開始年月日</param>
/// <param name="To">適用終了年月日 (open-ended when null)</param>
/// <param name="Reason">変更理由</param>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityBankAccountChanged([property: DataSubject] Guid FacilityId, BankAccount Account, DateOnly From, DateOnly? To,
    string? Reason, int HistoryNumber);

/// <summary>指導監査 recorded: 検査, or a 勧告・命令 with the 期限 by which the facility must act.</summary>
/// <param name="HistoryNumber">事業所履歴番号 after this change</param>
public sealed record FacilityInspectionRecorded(Guid FacilityId, Inspection Inspection, int HistoryNumber);
