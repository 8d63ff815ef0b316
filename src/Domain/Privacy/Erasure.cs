using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Privacy;

public enum ErasureStatus
{
    /// <summary>請求受付 (承認待ち)</summary>
    [JsonStringEnumMemberName("requested")] Requested,
    /// <summary>不承認</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
    /// <summary>消去済み</summary>
    [JsonStringEnumMemberName("erased")] Erased,
}

/// <summary>
/// 個人情報の消去 (one stream per erasure): the request, its approval or refusal, the keys deleted and the check that nothing
/// readable remained. Read as a whole, it is the 消去報告書: what was erased, when, by whom, on what ground and which keys.
/// </summary>
public sealed record Erasure(Guid Id, Guid PersonId, ErasureGround Ground, string LegalBasis, string Reason, DateOnly ReceivedOn, string RequestedBy,
    ErasureStatus Status, ErasureRejected? Rejection = null, PersonalDataErased? Erased = null, ErasureVerified? Verification = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(ErasureRejected),
        typeof(ErasureRequested),
        typeof(ErasureVerified),
        typeof(PersonalDataErased),
    ];

    public static Erasure? Evolve(Erasure? state, object @event) => (state, @event) switch
    {
        (null, ErasureRequested e) => new Erasure(e.ErasureId, e.PersonId, e.Ground, e.LegalBasis, e.Reason, e.ReceivedOn, e.RequestedBy, ErasureStatus.Requested),
        (not null, ErasureRejected e) => state with { Status = ErasureStatus.Rejected, Rejection = e },
        (not null, PersonalDataErased e) => state with { Status = ErasureStatus.Erased, Erased = e },
        (not null, ErasureVerified e) => state with { Verification = e },
        _ => state,
    };

    public static ErasureRequested Request(Guid id, Guid personId, ErasureGround ground, string legalBasis, string reason, DateOnly receivedOn, string requestedBy)
    {
        if (string.IsNullOrWhiteSpace(legalBasis))
            throw new DomainRuleException("erasure.legal-basis-required", "An erasure states its legal basis (根拠).", "legalBasis");
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainRuleException("erasure.reason-required", "An erasure states its reason.", "reason");
        return new ErasureRequested(id, personId, ground, legalBasis.Trim(), reason.Trim(), receivedOn, requestedBy);
    }

    /// <summary>
    /// 承認: by a supervisor other than the requester (a retention run's own proposal is approved by whoever runs it), only when the
    /// retention check finds no open record; otherwise the request waits or is refused.
    /// </summary>
    public void EnsureApprovable(string approver, RetentionDecision retention)
    {
        EnsurePending();
        if (Ground == ErasureGround.LawfulRequest && string.Equals(approver, RequestedBy, StringComparison.Ordinal))
            throw new DomainRuleException("erasure.four-eyes", "An erasure request is approved by someone other than the person who recorded it.");
        var open = retention.Holds.Where(h => h.KeptUntil is null).ToList();
        if (open.Count > 0)
            throw new DomainRuleException("erasure.records-open",
                $"The person's records are still open, so their data is still needed: {string.Join("; ", open.Select(h => $"{h.RecordKind} {h.StreamId}: {h.Reason}"))}.");
        if (Ground == ErasureGround.RetentionExpired && !retention.Erasable)
            throw new DomainRuleException("erasure.retention-not-expired", $"The retention period runs until {retention.KeptUntil:yyyy-MM-dd}.");
    }

    public ErasureRejected Reject(DateOnly on, string by, string reason)
    {
        EnsurePending();
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleException("erasure.reason-required", "A refusal states its reason.", "reason");
        return new ErasureRejected(Id, on, by, reason.Trim());
    }

    private void EnsurePending()
    {
        if (Status != ErasureStatus.Requested)
            throw new DomainRuleException("erasure.not-pending", $"This erasure is {Status.ToString().ToLowerInvariant()}, not awaiting a decision.");
    }

    /// <summary>The data items a person's key protects, as the 消去報告書 names them.</summary>
    public static IReadOnlyList<string> PersonDataItems { get; } = ["氏名", "フリガナ", "連絡先", "口座振替の口座番号・口座名義"];

    /// <summary>The data item a household's key protects.</summary>
    public static IReadOnlyList<string> HouseholdDataItems { get; } = ["住所 (郵便番号・住所)"];
}
