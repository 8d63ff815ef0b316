using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>
/// What follows a 督促 on one charge (REFERENCE.md §7): 返戻 and 公示送達 of the 督促状, 督促停止・催告停止, 催告, 債務承認 in a
/// 納付相談, and 滞納処分の執行停止 with the extinction it leads to.
/// </summary>
public sealed partial record Charge
{
    /// <summary>地方税法20条の2③ の例: 公示送達 takes effect when 7 days counted from the 公示日 have passed.</summary>
    public const int PublicNoticeDays = 7;

    /// <summary>督促状返戻: once, for an issued 督促状, not dated before its issue.</summary>
    public DunningNoticeReturned ReturnDunning(DateOnly returnedOn)
    {
        RequireNotCancelled();
        var dunning = Dunning ?? throw new DomainRuleException("dunning.not-issued", $"No 督促状 was issued for {CollectionNumber}.");
        if (dunning.ReturnedOn is { } returned) throw new DomainRuleException("dunning.already-returned", $"The 督促状 for {CollectionNumber} was returned on {returned:yyyy-MM-dd}.");
        if (returnedOn < dunning.IssuedOn)
            throw new DomainRuleException("dunning.returned-before-issue", $"A 督促状 issued on {dunning.IssuedOn:yyyy-MM-dd} cannot come back before it.", "returnedOn");
        return new DunningNoticeReturned(Id, returnedOn);
    }

    /// <summary>
    /// 公示送達 of a returned 督促状, once, from its 返戻日, while something is owed. It is deemed served on 公示日 + 7 days
    /// (counted from the 公示日, 7 days have passed at the end of 公示日 + 6); the 指定期限 and the renewed 時効 count from that
    /// day as the rules in force on the 公示日 set them for a 督促.
    /// </summary>
    public DunningPublicNoticePosted PostDunningPublicNotice(DateOnly postedOn, CollectionRuleSet rules)
    {
        RequireNotCancelled();
        var dunning = Dunning ?? throw new DomainRuleException("dunning.not-issued", $"No 督促状 was issued for {CollectionNumber}.");
        if (dunning.ReturnedOn is not { } returnedOn)
            throw new DomainRuleException("dunning.not-returned", $"The 督促状 for {CollectionNumber} was not returned; 公示送達 is for one that was.");
        if (dunning.PublicNotice is { } posted)
            throw new DomainRuleException("dunning.already-posted", $"The 督促状 for {CollectionNumber} was posted for 公示送達 on {posted.PostedOn:yyyy-MM-dd}.");
        if (postedOn < returnedOn)
            throw new DomainRuleException("dunning.posted-before-return", $"公示送達 comes after the 返戻 ({returnedOn:yyyy-MM-dd}).", "postedOn");
        if (AsOf(postedOn).Outstanding == 0) throw new DomainRuleException("dunning.nothing-owed", $"Nothing is owed on {CollectionNumber} on {postedOn:yyyy-MM-dd}.");
        var servedOn = postedOn.AddDays(PublicNoticeDays);
        return new DunningPublicNoticePosted(Id, postedOn, servedOn, servedOn.AddDays(rules.Dunning.DesignatedDeadlineDays), servedOn.AddDays(rules.Dunning.RenewalStartDays),
            rules.Version);
    }

    /// <summary>督促停止・催告停止 in force on <paramref name="day"/> (from its 停止日 up to the day before its 解除日).</summary>
    public bool IsStoppedOn(DateOnly day) => (Stops ?? []).Any(s => s.StoppedOn <= day && (s.LiftedOn is null || s.LiftedOn > day));

    /// <summary>督促停止・催告停止: one at a time, not dated before the 調定 or the last 解除.</summary>
    public CollectionStopped StopCollection(DateOnly stoppedOn, string reason)
    {
        RequireNotCancelled();
        if ((Stops ?? []).FirstOrDefault(s => s.LiftedOn is null) is { } open)
            throw new DomainRuleException("collection-stop.already-stopped", $"Collection of {CollectionNumber} has been stopped since {open.StoppedOn:yyyy-MM-dd}.");
        var earliest = (Stops ?? []).Select(s => s.LiftedOn!.Value).Append(AssessedOn).Max();
        if (stoppedOn < earliest)
            throw new DomainRuleException("collection-stop.date", $"停止日 cannot fall before {earliest:yyyy-MM-dd} (the 調定 or the last 解除).", "stoppedOn");
        return new CollectionStopped(Id, stoppedOn, reason);
    }

    /// <summary>停止解除 of the stop in force, not dated before its 停止日.</summary>
    public CollectionStopLifted LiftCollectionStop(DateOnly liftedOn)
    {
        var open = (Stops ?? []).FirstOrDefault(s => s.LiftedOn is null)
            ?? throw new DomainRuleException("collection-stop.not-stopped", $"Collection of {CollectionNumber} is not stopped.");
        if (liftedOn < open.StoppedOn)
            throw new DomainRuleException("collection-stop.lifted-before-stop", $"解除日 cannot fall before the 停止日 ({open.StoppedOn:yyyy-MM-dd}).", "liftedOn");
        return new CollectionStopLifted(Id, liftedOn);
    }

    /// <summary>
    /// 催告: after 納期限, while something is owed, the claim is not extinguished and collection is not stopped; one per issue
    /// date. It renews no 時効 (only a 督促 under 自治法236条④ does).
    /// </summary>
    public ReminderIssued Remind(DateOnly issuedOn, DateOnly payBy)
    {
        RequireNotCancelled();
        if (issuedOn <= DueDate) throw new DomainRuleException("reminder.not-yet-due", $"催告 comes after 納期限 ({DueDate:yyyy-MM-dd}).", "issuedOn");
        if (payBy <= issuedOn) throw new DomainRuleException("reminder.pay-by", "催告書納付期限 comes after the issue date.", "payBy");
        if (AsOf(issuedOn).Outstanding == 0) throw new DomainRuleException("reminder.nothing-owed", $"Nothing is owed on {CollectionNumber} on {issuedOn:yyyy-MM-dd}.");
        if (Extinction(issuedOn) is { } extinction)
            throw new DomainRuleException("reminder.extinguished", $"The claim {CollectionNumber} was extinguished ({extinction.Reason}) on {extinction.On:yyyy-MM-dd}.");
        RequireNotStopped(issuedOn, "issuedOn");
        if ((Reminders ?? []).Any(r => r.IssuedOn == issuedOn))
            throw new DomainRuleException("reminder.already-issued", $"A 催告 for {CollectionNumber} was issued on {issuedOn:yyyy-MM-dd}.", "issuedOn");
        return new ReminderIssued(Id, issuedOn, payBy);
    }

    /// <summary>債務承認 in a 納付相談 (民法152条): only for a charge still owing on the day; it renews the 時効 from the next day.</summary>
    public DebtAcknowledged AcknowledgeDebt(DateOnly acknowledgedOn, Guid logId, Guid entryId)
    {
        RequireNotCancelled();
        if (AsOf(acknowledgedOn).Outstanding == 0)
            throw new DomainRuleException("negotiation.nothing-owed", $"Nothing is owed on {CollectionNumber} on {acknowledgedOn:yyyy-MM-dd} to acknowledge.", "acknowledgedChargeIds");
        return new DebtAcknowledged(Id, acknowledgedOn, logId, entryId);
    }

    /// <summary>The 執行停止 in force (not revoked), if any.</summary>
    public ChargeExecutionSuspension? Suspension => (Suspensions ?? []).LastOrDefault(s => s.RevokedOn is null);

    /// <summary>
    /// 滞納処分の執行停止: after 納期限, while something is owed, one at a time, not before the last 取消. 即時消滅 only on the
    /// no-assets ground (地方税法15条の7⑤ refers to ①一).
    /// </summary>
    public ExecutionSuspended SuspendExecution(DateOnly suspendedOn, SuspensionGround ground, bool immediateExtinction)
    {
        RequireNotCancelled();
        if (Suspension is { } current)
            throw new DomainRuleException("suspension.already-suspended", $"Execution on {CollectionNumber} has been suspended since {current.SuspendedOn:yyyy-MM-dd}.");
        if (suspendedOn <= DueDate) throw new DomainRuleException("suspension.not-yet-due", $"執行停止 comes after 納期限 ({DueDate:yyyy-MM-dd}).", "suspendedOn");
        if ((Suspensions ?? []).Select(s => s.RevokedOn!.Value).DefaultIfEmpty(DateOnly.MinValue).Max() is var revoked && suspendedOn < revoked)
            throw new DomainRuleException("suspension.date", $"執行停止日 cannot fall before the last 取消 ({revoked:yyyy-MM-dd}).", "suspendedOn");
        if (AsOf(suspendedOn).Outstanding == 0) throw new DomainRuleException("suspension.nothing-owed", $"Nothing is owed on {CollectionNumber} on {suspendedOn:yyyy-MM-dd}.");
        if (immediateExtinction && ground != SuspensionGround.NoAssets)
            throw new DomainRuleException("suspension.immediate-extinction-ground", "即時消滅 is only for a stop on the no-assets ground (地方税法15条の7⑤).",
                "immediateExtinction");
        return new ExecutionSuspended(Id, suspendedOn, ground, immediateExtinction);
    }

    /// <summary>執行停止の取消: of the stop in force, from its 執行停止日 up to its 消滅日 (afterwards the claim is gone); never after 即時消滅.</summary>
    public ExecutionSuspensionRevoked RevokeSuspension(DateOnly revokedOn, string? reason)
    {
        var current = Suspension ?? throw new DomainRuleException("suspension.not-suspended", $"Execution on {CollectionNumber} is not suspended.");
        if (current.ImmediateExtinction)
            throw new DomainRuleException("suspension.extinguished", $"The claim {CollectionNumber} was extinguished at once on {current.SuspendedOn:yyyy-MM-dd}.");
        if (revokedOn < current.SuspendedOn)
            throw new DomainRuleException("suspension.revoked-before-suspension", $"取消日 cannot fall before the 執行停止日 ({current.SuspendedOn:yyyy-MM-dd}).", "revokedOn");
        if (revokedOn > current.ExtinctionDate)
            throw new DomainRuleException("suspension.extinguished",
                $"The stop continued 3 years to the end of {current.ExtinctionDate:yyyy-MM-dd}; the claim {CollectionNumber} is extinguished.", "revokedOn");
        return new ExecutionSuspensionRevoked(Id, revokedOn, reason);
    }

    /// <summary>
    /// The first day the claim no longer exists on <paramref name="reason"/>'s ground, as the charge stands (call it on
    /// <see cref="AsOf"/>): the day after 時効完成日; the day after the 3 years of a 執行停止 in force; the 執行停止日 of one with
    /// 即時消滅. Null when the ground does not apply.
    /// </summary>
    public DateOnly? ExtinguishedFrom(WriteOffReason reason) => reason switch
    {
        WriteOffReason.Prescription => PrescriptionDate.AddDays(1),
        WriteOffReason.SuspensionMatured => Suspension is { ImmediateExtinction: false } s ? s.ExtinctionDate.AddDays(1) : null,
        WriteOffReason.ImmediateExtinction => Suspension is { ImmediateExtinction: true } s ? s.SuspendedOn : null,
        _ => null,
    };

    /// <summary>
    /// Whether the claim is extinguished on <paramref name="day"/> and on which ground: of the grounds that hold, the one that
    /// took effect first (the 不納欠損事由).
    /// </summary>
    public (WriteOffReason Reason, DateOnly On)? Extinction(DateOnly day)
    {
        var then = AsOf(day);
        return Enum.GetValues<WriteOffReason>()
            .Select(reason => (Reason: reason, On: then.ExtinguishedFrom(reason)))
            .Where(g => g.On <= day)
            .OrderBy(g => g.On)
            .Select(g => ((WriteOffReason, DateOnly)?)(g.Reason, g.On!.Value))
            .FirstOrDefault();
    }

    private DomainRuleException NotExtinguished(DateOnly on, WriteOffReason reason)
    {
        var then = AsOf(on);
        return reason switch
        {
            WriteOffReason.Prescription => new DomainRuleException("write-off.not-prescribed",
                $"The 時効 of {CollectionNumber} completes at the end of {then.PrescriptionDate:yyyy-MM-dd}.", "reason"),
            WriteOffReason.SuspensionMatured => new DomainRuleException("write-off.suspension-not-matured", then.Suspension is { ImmediateExtinction: false } s
                ? $"The 執行停止 of {CollectionNumber} continues 3 years to the end of {s.ExtinctionDate:yyyy-MM-dd}."
                : $"Execution on {CollectionNumber} is not suspended on {on:yyyy-MM-dd}.", "reason"),
            _ => new DomainRuleException("write-off.not-extinguished", $"No 執行停止 with 即時消滅 is in force on {CollectionNumber} on {on:yyyy-MM-dd}.", "reason"),
        };
    }

    private void RequireNotStopped(DateOnly day, string field)
    {
        if (IsStoppedOn(day))
            throw new DomainRuleException("collection.stopped", $"督促・催告 of {CollectionNumber} is stopped on {day:yyyy-MM-dd}.", field);
    }
}
