using KosodateShien.Domain.Privacy;

namespace KosodateShien.Api.Privacy;

/// <summary>A key in the 消去報告書: whose (本人 or 世帯), its fingerprint, made and deleted when.</summary>
public sealed record ErasureReportKey(Guid SubjectId, DataSubjectKind Kind, string? Fingerprint, DateTimeOffset? CreatedAt, DateTimeOffset DeletedAt);

/// <summary>
/// 電子データ消去報告書: what was erased (the data items, whose), when, by whom (請求の受付, 承認・実施), on what ground, which keys
/// were deleted, the retention check it passed, and the search of every table that followed.
/// </summary>
/// <param name="PersonNumber">宛名番号 of the person (an identifier kept so the report can be matched to paper records)</param>
/// <param name="Conclusion">結論: 消去完了 with no plaintext found, or where some remained</param>
public sealed record ErasureReport(
    string Title,
    Guid ErasureId,
    Guid PersonId,
    string PersonNumber,
    ErasureGround Ground,
    string LegalBasis,
    string Reason,
    DateOnly ReceivedOn,
    string RequestedBy,
    string ApprovedBy,
    DateOnly ErasedOn,
    IReadOnlyList<string> DataItems,
    IReadOnlyList<ErasureReportKey> Keys,
    int RetentionRuleVersion,
    DateOnly? RetentionKeptUntil,
    DateTimeOffset? VerifiedAt,
    int TablesSearched,
    int ValuesSought,
    IReadOnlyList<PlaintextResidue> Residue,
    string Conclusion)
{
    public static ErasureReport From(Erasure erasure, string personNumber)
    {
        var erased = erasure.Erased!;
        var verification = erasure.Verification;
        var conclusion = verification is null ? "消去済み (残存確認未了)"
            : verification.Residue.Count == 0 ? $"消去完了: 鍵 {erased.Subjects.Count} 件を削除し、{verification.TablesSearched} 表の検索で平文の残存なし"
            : $"要対応: 平文が残存 ({string.Join(", ", verification.Residue.Select(r => $"{r.Table} {r.Rows} 行"))})";
        return new ErasureReport("電子データ消去報告書", erasure.Id, erasure.PersonId, personNumber, erasure.Ground, erasure.LegalBasis, erasure.Reason, erasure.ReceivedOn,
            erasure.RequestedBy, erased.ApprovedBy, erased.ErasedOn, erased.DataItems,
            [.. erased.Subjects.Select(s => new ErasureReportKey(s.SubjectId, s.Kind, s.KeyFingerprint, s.KeyCreatedAt, s.KeyDeletedAt))],
            erased.Retention.RuleVersion, erased.Retention.KeptUntil, verification?.CheckedAt, verification?.TablesSearched ?? 0, verification?.ValuesSought ?? 0,
            verification?.Residue ?? [], conclusion);
    }
}
