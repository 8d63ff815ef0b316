namespace KosodateShien.Domain.Common;

/// <summary>
/// A municipality's rule set (認定基準, 入所選考基準, 料金表 …): immutable versions, each in force from its
/// 適用開始日 until the next version's. Computed events record the version they used.
/// </summary>
public interface IVersionedRuleSet
{
    string Id { get; }
    int Version { get; }
    DateOnly EffectiveFrom { get; }
}

public static class RuleSetVersions
{
    /// <summary>The version in force on a date: the latest whose 適用開始日 is on or before it.</summary>
    public static T InForceOn<T>(IEnumerable<T> versions, DateOnly date, string name) where T : IVersionedRuleSet =>
        versions.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom)
        ?? throw new DomainRuleException("rules.none-in-force", $"No {name} is in force on {date:yyyy-MM-dd}.");

    /// <summary>The version number a new version publishes under; it must start after the latest one (versions never reorder).</summary>
    public static int NextVersion<T>(IEnumerable<T> versions, DateOnly effectiveFrom) where T : IVersionedRuleSet
    {
        var latest = versions.MaxBy(v => v.Version);
        if (latest is not null && effectiveFrom <= latest.EffectiveFrom)
            throw new DomainRuleException("rules.not-after-latest",
                $"A new version must start after the latest one (v{latest.Version} from {latest.EffectiveFrom:yyyy-MM-dd}).", "effectiveFrom");
        return (latest?.Version ?? 0) + 1;
    }
}
