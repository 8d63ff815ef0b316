using System.Text.Json.Serialization;
using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>交渉方法: how the contact with the payer took place.</summary>
public enum NegotiationKind
{
    /// <summary>電話</summary>
    [JsonStringEnumMemberName("phone")] Phone,
    /// <summary>訪問 (臨戸)</summary>
    [JsonStringEnumMemberName("visit")] Visit,
    /// <summary>窓口 (来庁)</summary>
    [JsonStringEnumMemberName("counter")] Counter,
    /// <summary>文書</summary>
    [JsonStringEnumMemberName("letter")] Letter,
    /// <summary>その他</summary>
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>
/// 交渉経過: one contact with the payer (交渉日, 交渉方法, 内容, 担当者). When the payer acknowledged the debt of some charges in a
/// 納付相談 (債務承認, 民法152条) they are listed, and each charge records a <see cref="DebtAcknowledged"/> that renews its 時効.
/// </summary>
/// <param name="NegotiatedOn">交渉日</param>
/// <param name="Kind">交渉方法</param>
/// <param name="Content">交渉内容</param>
/// <param name="StaffUser">担当者 (the staff user who recorded it)</param>
/// <param name="AcknowledgedChargeIds">債務承認 of these charges (none when the payer acknowledged nothing)</param>
public sealed record NegotiationRecorded(Guid LogId, Guid PayerId, Guid EntryId, DateOnly NegotiatedOn, NegotiationKind Kind, string Content, string StaffUser,
    IReadOnlyList<Guid> AcknowledgedChargeIds);

/// <summary>One 交渉経過 entry as the log keeps it.</summary>
public sealed record NegotiationEntry(Guid EntryId, DateOnly NegotiatedOn, NegotiationKind Kind, string Content, string StaffUser, IReadOnlyList<Guid> AcknowledgedChargeIds);

/// <summary>交渉経過: the write model of a payer's negotiation log, one stream per payer (<see cref="IdFor"/>).</summary>
public sealed record NegotiationLog(Guid Id, Guid PayerId, IReadOnlyList<NegotiationEntry> Entries) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The stream id of a payer's log (a name-based UUID, the same on every node and run).</summary>
    public static Guid IdFor(Guid payerId) => NameBasedGuid.For($"negotiations/{payerId:N}");

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(NegotiationRecorded),
    ];

    public static NegotiationLog? Evolve(NegotiationLog? state, object @event) => @event switch
    {
        NegotiationRecorded e => (state ?? new NegotiationLog(e.LogId, e.PayerId, [])) with
        {
            Entries = [.. state?.Entries ?? [], new NegotiationEntry(e.EntryId, e.NegotiatedOn, e.Kind, e.Content, e.StaffUser, e.AcknowledgedChargeIds)],
        },
        _ => state,
    };

    /// <summary>
    /// A 交渉経過 entry for the payer. The charges acknowledged must be the payer's own and still owing on the 交渉日; each
    /// gets its <see cref="DebtAcknowledged"/>.
    /// </summary>
    public static (NegotiationRecorded Entry, IReadOnlyList<DebtAcknowledged> Acknowledgements) Record(Guid payerId, DateOnly negotiatedOn, NegotiationKind kind,
        string content, string staffUser, IReadOnlyList<Charge> acknowledged)
    {
        if (string.IsNullOrWhiteSpace(content)) throw new DomainRuleException("negotiation.content", "交渉内容 is required.", "content");
        if (acknowledged.Any(c => c.PayerId != payerId))
            throw new DomainRuleException("negotiation.other-payer", "Every charge acknowledged must be the payer's own.", "acknowledgedChargeIds");
        if (acknowledged.Select(c => c.Id).Distinct().Count() != acknowledged.Count)
            throw new DomainRuleException("negotiation.repeated-charge", "A charge is acknowledged once per entry.", "acknowledgedChargeIds");
        var logId = IdFor(payerId);
        var entryId = Guid.CreateVersion7();
        var acknowledgements = acknowledged.Select(c => c.AcknowledgeDebt(negotiatedOn, logId, entryId)).ToList();
        return (new NegotiationRecorded(logId, payerId, entryId, negotiatedOn, kind, content.Trim(), staffUser, [.. acknowledged.Select(c => c.Id)]), acknowledgements);
    }
}
