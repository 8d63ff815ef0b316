using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Allocation.Applications;

/// <summary>The latest round outcome on an application.</summary>
public sealed record RoundOutcome(Guid RoundId, PlacementApplicationStatus Status, DateOnly DecidedOn, Guid? FacilityId, int? PreferenceRank, IReadOnlyList<HoldReason> Reasons, string? Reason);

/// <summary>利用申込: the write model of an application stream.</summary>
/// <param name="ApplicationNumber">利用申込受付番号</param>
/// <param name="DesiredFacilities">入所希望事業所 in 希望順位 order</param>
/// <param name="LastScore">the latest 選考基準指数 (a round scores every application it takes in)</param>
public sealed record PlacementApplication(
    Guid Id,
    string ApplicationNumber,
    DateOnly ApplicationDate,
    Guid ApplicantId,
    Guid ChildId,
    Guid HouseholdId,
    Guid CertificationId,
    PlacementApplicationKind Kind,
    Guid? CurrentFacilityId,
    IReadOnlyList<Guid> DesiredFacilities,
    DateOnly DesiredStartMonth,
    IReadOnlyList<string> Adjustments,
    PlacementApplicationStatus Status,
    WideAreaUse? WideArea = null,
    Guid? SiblingGroupId = null,
    SiblingOption? SiblingOption = null,
    IReadOnlyList<Guid>? SiblingApplicationIds = null,
    ApplicationScored? LastScore = null,
    RoundOutcome? LastOutcome = null,
    string? ClosingReason = null) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>広域利用 受託: another municipality's child, ranked after residents.</summary>
    public bool WideAreaAccepted => WideArea?.Kind == WideAreaKind.Accepted;

    /// <summary>Still waiting for a place: taken into the next round whose month it wants.</summary>
    public bool IsWaiting => Status is PlacementApplicationStatus.Received or PlacementApplicationStatus.OnHold;

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(ApplicationPutOnHold),
        typeof(ApplicationRefused),
        typeof(ApplicationScored),
        typeof(PlacementApplicationReceived),
        typeof(PlacementApplicationWithdrawn),
        typeof(PlacementOfferDeclined),
        typeof(PlacementOffered),
        typeof(SiblingGroupLinked),
    ];

    public static PlacementApplication? Evolve(PlacementApplication? state, object @event) => (state, @event) switch
    {
        (null, PlacementApplicationReceived e) => new PlacementApplication(e.ApplicationId, e.ApplicationNumber, e.ApplicationDate, e.ApplicantId, e.ChildId,
            e.HouseholdId, e.CertificationId, e.Kind, e.CurrentFacilityId, e.DesiredFacilities, e.DesiredStartMonth, e.Adjustments, PlacementApplicationStatus.Received, e.WideArea),
        (not null, SiblingGroupLinked e) => state with { SiblingGroupId = e.SiblingGroupId, SiblingOption = e.Option, SiblingApplicationIds = e.MemberApplicationIds },
        (not null, PlacementApplicationWithdrawn e) => state with { Status = PlacementApplicationStatus.Withdrawn, ClosingReason = e.Reason },
        (not null, ApplicationScored e) => state with { LastScore = e },
        (not null, PlacementOffered e) => state with
        {
            Status = PlacementApplicationStatus.Offered,
            LastOutcome = new RoundOutcome(e.RoundId, PlacementApplicationStatus.Offered, e.DecidedOn, e.FacilityId, e.PreferenceRank, [], null),
        },
        (not null, ApplicationPutOnHold e) => state with
        {
            Status = PlacementApplicationStatus.OnHold,
            LastOutcome = new RoundOutcome(e.RoundId, PlacementApplicationStatus.OnHold, e.DecidedOn, null, null, e.Reasons, e.Note),
        },
        (not null, ApplicationRefused e) => state with
        {
            Status = PlacementApplicationStatus.Refused,
            LastOutcome = new RoundOutcome(e.RoundId, PlacementApplicationStatus.Refused, e.DecidedOn, null, null, [], e.Reason),
        },
        (not null, PlacementOfferDeclined e) => state with
        {
            Status = e.Rejoin ? PlacementApplicationStatus.OnHold : PlacementApplicationStatus.Declined,
            ClosingReason = e.Rejoin ? null : e.Reason,
        },
        _ => state,
    };

    public SiblingGroupLinked LinkSiblings(Guid groupId, IReadOnlyList<Guid> members, SiblingOption option)
    {
        RequireWaiting("link siblings");
        if (SiblingGroupId is not null)
            throw new DomainRuleException("application.already-linked", $"Application {ApplicationNumber} is already in a sibling group.", "applicationIds");
        return new SiblingGroupLinked(Id, groupId, members, option);
    }

    public PlacementApplicationWithdrawn Withdraw(DateOnly date, string reason)
    {
        if (Status is PlacementApplicationStatus.Withdrawn or PlacementApplicationStatus.Declined or PlacementApplicationStatus.Refused)
            throw new DomainRuleException("application.closed", $"Application {ApplicationNumber} is already {Status}.");
        return new PlacementApplicationWithdrawn(Id, date, reason);
    }

    public PlacementOfferDeclined Decline(DateOnly date, string reason, bool rejoin)
    {
        if (Status != PlacementApplicationStatus.Offered || LastOutcome is null)
            throw new DomainRuleException("application.not-offered", $"Application {ApplicationNumber} has no 内定 to decline.");
        return new PlacementOfferDeclined(Id, LastOutcome.RoundId, date, reason, rejoin);
    }

    public void RequireWaiting(string action)
    {
        if (!IsWaiting)
            throw new DomainRuleException("application.not-waiting", $"Cannot {action}: application {ApplicationNumber} is {Status}.");
    }
}
