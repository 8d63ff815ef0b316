using System.Text.Json.Serialization;

namespace KosodateShien.Domain.Collection;

/// <summary>督促状返戻: the 督促状 came back undelivered, so it was not served: it renews no 時効 and its 指定期限 does not run.</summary>
/// <param name="ReturnedOn">返戻日</param>
public sealed record DunningNoticeReturned(Guid ChargeId, DateOnly ReturnedOn);

/// <summary>
/// 公示送達 of a returned 督促状 (地方税法20条の2 の例): posted on <paramref name="PostedOn"/>, deemed served on
/// <paramref name="ServedOn"/> (7 days counted from the posting day have passed, 同条③); the 指定期限 and the renewed 時効 run
/// from that day under the rules of <paramref name="RuleVersion"/>.
/// </summary>
/// <param name="PostedOn">公示日 (掲示を始めた日)</param>
/// <param name="ServedOn">送達があつたものとみなされる日</param>
/// <param name="DesignatedDeadline">督促状納付期限 (指定期限) counted from <paramref name="ServedOn"/></param>
/// <param name="RenewalStartsOn">the first day of the new 時効 period</param>
public sealed record DunningPublicNoticePosted(Guid ChargeId, DateOnly PostedOn, DateOnly ServedOn, DateOnly DesignatedDeadline, DateOnly RenewalStartsOn, int RuleVersion);

/// <summary>督促停止・催告停止: no 督促状 or 催告書 goes to the charge from <paramref name="StoppedOn"/> until the stop is lifted.</summary>
/// <param name="StoppedOn">停止日</param>
/// <param name="Reason">停止事由</param>
public sealed record CollectionStopped(Guid ChargeId, DateOnly StoppedOn, string Reason);

/// <summary>督促停止・催告停止の解除: 督促 and 催告 may go to the charge again from <paramref name="LiftedOn"/>.</summary>
/// <param name="LiftedOn">停止解除日</param>
public sealed record CollectionStopLifted(Guid ChargeId, DateOnly LiftedOn);

/// <summary>催告 (a reminder, not statutory): it asks for payment by <paramref name="PayBy"/> and renews no 時効.</summary>
/// <param name="IssuedOn">催告書発行日</param>
/// <param name="PayBy">催告書納付期限</param>
public sealed record ReminderIssued(Guid ChargeId, DateOnly IssuedOn, DateOnly PayBy);

/// <summary>
/// 債務承認 in a 納付相談 (民法152条): the payer acknowledged the debt, which renews the charge's 時効 from the next day. The
/// 交渉経過 entry that records it is <paramref name="EntryId"/> of the payer's <paramref name="LogId"/>.
/// </summary>
/// <param name="AcknowledgedOn">承認日 (交渉日)</param>
public sealed record DebtAcknowledged(Guid ChargeId, DateOnly AcknowledgedOn, Guid LogId, Guid EntryId);

/// <summary>滞納処分の執行停止の事由 (地方税法15条の7① の例).</summary>
public enum SuspensionGround
{
    /// <summary>滞納処分をすることができる財産がない (一号)</summary>
    [JsonStringEnumMemberName("noAssets")] NoAssets,
    /// <summary>滞納処分をすることによつてその生活を著しく窮迫させるおそれがある (二号)</summary>
    [JsonStringEnumMemberName("livelihood")] Livelihood,
    /// <summary>その所在及び滞納処分をすることができる財産がともに不明である (三号)</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>
/// 滞納処分の執行停止 (地方税法15条の7 の例): the claim is extinguished when the stop has continued 3 years (④), or at once
/// when <paramref name="ImmediateExtinction"/> (⑤: no assets and plainly uncollectable).
/// </summary>
/// <param name="SuspendedOn">執行停止日</param>
/// <param name="Ground">執行停止事由</param>
/// <param name="ImmediateExtinction">即時消滅 (15条の7⑤)</param>
public sealed record ExecutionSuspended(Guid ChargeId, DateOnly SuspendedOn, SuspensionGround Ground, bool ImmediateExtinction);

/// <summary>執行停止の取消 (地方税法15条の8 の例): the stop ends before it extinguished the claim.</summary>
/// <param name="RevokedOn">執行停止取消日</param>
/// <param name="Reason">取消事由</param>
public sealed record ExecutionSuspensionRevoked(Guid ChargeId, DateOnly RevokedOn, string? Reason);
