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
}
