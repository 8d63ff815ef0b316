using KosodateShien.Application.Contracts;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Common;
using Wolverine;
using Wolverine.Marten;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Certification;

/// <summary>
/// Scheduled for 00:00 JST on 満3歳に達する日 when a 3号 certification is approved or changed:
/// the child becomes 2号 that day without an application.
/// </summary>
public sealed record ChangeCategoryAtAgeThree(Guid CertificationId, DateOnly ChangeDate)
{
    public DeliveryMessage<ChangeCategoryAtAgeThree> Scheduled() => this.ScheduledAt(JapaneseDates.StartOfDayJst(ChangeDate));
}

public static class ChangeCategoryAtAgeThreeHandler
{
    public static (Events, OutgoingMessages) Handle(ChangeCategoryAtAgeThree message, [WriteAggregate] CertificationState certification, TimeProvider clock)
    {
        var today = clock.TodayJst();
        // Delivered early (clock skew between nodes): try again at the right moment rather than lose the change.
        if (certification.AgeThreeChangeDate is { } due && today < due)
            return (new Events(), [message.Scheduled()]);
        var changes = certification.ChangeAtAgeThree(today);
        return (new Events(changes), [.. changes.OfType<CertificationCategoryChangedAtAgeThree>()
            .Select(c => new CertificationPeriodsChanged(certification.Id, c.ValidFrom, "満3歳到達 (3号→2号)"))]);
    }
}
