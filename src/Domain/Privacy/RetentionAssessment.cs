namespace KosodateShien.Domain.Privacy;

/// <summary>One record naming the person, as the retention check sees it.</summary>
/// <param name="RecordKind">the stream kind (see <see cref="RetentionRules"/>)</param>
/// <param name="LastChangedOn">the day (JST) its last event was recorded</param>
/// <param name="OpenBecause">why the record is still open (未納の調定, 在園中, 認定期間中 …), or null when closed</param>
public sealed record PersonRecord(Guid StreamId, string RecordKind, DateOnly LastChangedOn, string? OpenBecause = null);

/// <summary>What holds a person's data past the day asked about.</summary>
public sealed record RetentionHold(Guid StreamId, string RecordKind, string Reason, DateOnly? KeptUntil);

/// <summary>The retention check for one person: erasable on <paramref name="AsOf"/>, or the records that hold their data.</summary>
/// <param name="KeptUntil">the last day the data must be kept (the latest record's period end); null while a record is open</param>
public sealed record RetentionDecision(Guid PersonId, DateOnly AsOf, int RuleVersion, bool Erasable, DateOnly? KeptUntil, IReadOnlyList<RetentionHold> Holds);

public static class RetentionAssessment
{
    /// <summary>
    /// Erasable when no record is open and every record's period (<see cref="RetentionRules.YearsFor"/> years from its last change)
    /// ended before <paramref name="asOf"/>.
    /// </summary>
    public static RetentionDecision Assess(Guid personId, IReadOnlyCollection<PersonRecord> records, RetentionRules rules, DateOnly asOf)
    {
        var holds = new List<RetentionHold>();
        DateOnly? keptUntil = null;
        foreach (var record in records)
        {
            if (record.OpenBecause is { } reason)
            {
                holds.Add(new RetentionHold(record.StreamId, record.RecordKind, reason, null));
                continue;
            }
            var until = record.LastChangedOn.AddYears(rules.YearsFor(record.RecordKind));
            if (keptUntil is null || until > keptUntil) keptUntil = until;
            if (until >= asOf) holds.Add(new RetentionHold(record.StreamId, record.RecordKind, $"保存期間中 ({until:yyyy-MM-dd} まで)", until));
        }
        var open = holds.Any(h => h.KeptUntil is null);
        return new RetentionDecision(personId, asOf, rules.Version, holds.Count == 0, open ? null : keptUntil, holds);
    }
}
