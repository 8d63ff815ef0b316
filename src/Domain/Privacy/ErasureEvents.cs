using System.Text.Json.Serialization;

namespace KosodateShien.Domain.Privacy;

/// <summary>消去の根拠.</summary>
public enum ErasureGround
{
    /// <summary>本人等からの請求 (利用停止・消去請求) approved by a supervisor</summary>
    [JsonStringEnumMemberName("lawfulRequest")] LawfulRequest,
    /// <summary>保存期間満了</summary>
    [JsonStringEnumMemberName("retentionExpired")] RetentionExpired,
}

/// <summary>Whose key: a person's (氏名, フリガナ, 連絡先, 口座) or a household's (住所).</summary>
public enum DataSubjectKind
{
    [JsonStringEnumMemberName("person")] Person,
    [JsonStringEnumMemberName("household")] Household,
}

/// <summary>消去の請求・起案: a clerk recorded a request to erase a person's personal data (or a retention run proposed it).</summary>
/// <param name="LegalBasis">根拠 (e.g. 個人情報の保護に関する法律第98条 利用停止請求, or the retention rule)</param>
/// <param name="ReceivedOn">受付日</param>
public sealed record ErasureRequested(Guid ErasureId, Guid PersonId, ErasureGround Ground, string LegalBasis, string Reason, DateOnly ReceivedOn, string RequestedBy);

/// <summary>不承認: a supervisor refused the request (the data is still needed, or the request is not well-founded).</summary>
public sealed record ErasureRejected(Guid ErasureId, DateOnly RejectedOn, string RejectedBy, string Reason);

/// <summary>A key deleted by the erasure: its fingerprint (never the key), when it was made and when deleted.</summary>
public sealed record ErasedSubject(Guid SubjectId, DataSubjectKind Kind, string? KeyFingerprint, DateTimeOffset? KeyCreatedAt, DateTimeOffset KeyDeletedAt);

/// <summary>
/// 消去の実施: approved by <paramref name="ApprovedBy"/>, the keys of the person (and of households left with no one else) were
/// deleted, so every event and read model holding their <paramref name="DataItems"/> reads as erased from now on.
/// </summary>
/// <param name="Retention">the retention check it passed (the rule version and the records' periods)</param>
public sealed record PersonalDataErased(Guid ErasureId, Guid PersonId, DateOnly ErasedOn, string ApprovedBy, IReadOnlyList<ErasedSubject> Subjects,
    IReadOnlyList<string> DataItems, RetentionDecision Retention);

/// <summary>Where a sought plaintext value was still found after the erasure.</summary>
public sealed record PlaintextResidue(string Table, long Rows);

/// <summary>
/// 消去の確認: after the erasure every table of the database was searched for the person's former values (decrypted before the keys
/// were deleted, and never stored); <paramref name="Residue"/> lists any table still holding one.
/// </summary>
public sealed record ErasureVerified(Guid ErasureId, DateTimeOffset CheckedAt, int ValuesSought, int TablesSearched, IReadOnlyList<PlaintextResidue> Residue);

/// <summary>On the person's own stream: their 氏名, フリガナ and 連絡先 are erased (by the erasure named).</summary>
public sealed record PersonErased(Guid PersonId, Guid ErasureId, DateOnly ErasedOn);

/// <summary>On a household's stream: its 住所 is erased, every member having been erased.</summary>
public sealed record HouseholdAddressErased(Guid HouseholdId, Guid ErasureId, DateOnly ErasedOn);
