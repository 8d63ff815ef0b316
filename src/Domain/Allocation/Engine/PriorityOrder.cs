using System.Runtime.CompilerServices;

namespace KosodateShien.Domain.Allocation.Engine;

/// <summary>
/// The master list (選考順位) over households: tier (管内 first), then 選考基準指数 (higher first), then the
/// 同一指数の優先順位 keys in order (lower first; a missing key counts as <see cref="long.MaxValue"/>), then the
/// household's 抽選 draw (lower first), then the household id (ordinal) so that the order is strict.
/// Children follow their household, in the order the application lists them.
/// </summary>
internal static class PriorityOrder
{
    /// <summary>Household indices in 選考順.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Sort(IReadOnlyList<HouseholdApplication> households)
    {
        // 指数 compared as their rank among the distinct values: int comparisons instead of decimal ones.
        var scoreRank = new Dictionary<decimal, int>();
        foreach (var household in households) scoreRank.TryAdd(household.Score, 0);
        var distinct = scoreRank.Keys.ToArray();
        Array.Sort(distinct);
        for (var i = 0; i < distinct.Length; i++) scoreRank[distinct[i]] = distinct.Length - 1 - i;

        var keys = new SortKey[households.Count];
        var order = new int[households.Count];
        for (var h = 0; h < keys.Length; h++)
        {
            var household = households[h];
            keys[h] = new SortKey(household.Tier, scoreRank[household.Score], household.TieBreak as long[] ?? [.. household.TieBreak], household.Lottery, household.Id);
            order[h] = h;
        }
        keys.AsSpan().Sort(order.AsSpan(), new SortKeyComparer());
        return order;
    }

    readonly record struct SortKey(int Tier, int ScoreRank, long[] TieBreak, long Lottery, string Id);

    readonly struct SortKeyComparer : IComparer<SortKey>
    {
        public int Compare(SortKey a, SortKey b)
        {
            if (a.Tier != b.Tier) return a.Tier < b.Tier ? -1 : 1;
            if (a.ScoreRank != b.ScoreRank) return a.ScoreRank < b.ScoreRank ? -1 : 1;
            var length = Math.Max(a.TieBreak.Length, b.TieBreak.Length);
            for (var i = 0; i < length; i++)
            {
                long x = i < a.TieBreak.Length ? a.TieBreak[i] : long.MaxValue, y = i < b.TieBreak.Length ? b.TieBreak[i] : long.MaxValue;
                if (x != y) return x < y ? -1 : 1;
            }
            if (a.Lottery != b.Lottery) return a.Lottery < b.Lottery ? -1 : 1;
            return string.CompareOrdinal(a.Id, b.Id);
        }
    }

    /// <summary>The name of the first key component on which two households differ (null when equal), and which comes first.</summary>
    public static string? FirstDifference(HouseholdApplication a, HouseholdApplication b, out int sign)
    {
        sign = a.Tier.CompareTo(b.Tier);
        if (sign != 0) return DecidingSteps.Tier;
        sign = b.Score.CompareTo(a.Score);
        if (sign != 0) return DecidingSteps.Score;
        var length = Math.Max(a.TieBreak.Count, b.TieBreak.Count);
        for (var i = 0; i < length; i++)
        {
            sign = TieBreakKey(a.TieBreak, i).CompareTo(TieBreakKey(b.TieBreak, i));
            if (sign != 0) return DecidingSteps.TieBreak(i);
        }
        sign = a.Lottery.CompareTo(b.Lottery);
        if (sign != 0) return DecidingSteps.Lottery;
        sign = Math.Sign(string.CompareOrdinal(a.Id, b.Id));
        return sign != 0 ? DecidingSteps.HouseholdId : null;
    }

    /// <summary>
    /// What put child <paramref name="better"/> ahead of child <paramref name="worse"/> at a cell: holding the seat
    /// there, or the first household key component that differs, or the order within one household.
    /// </summary>
    public static string DecidingStep(CompiledInstance instance, int better, int worse, int cell)
    {
        if ((instance.HeldCell[better] == cell) != (instance.HeldCell[worse] == cell)) return DecidingSteps.Held;
        int betterHousehold = instance.ChildHousehold[better], worseHousehold = instance.ChildHousehold[worse];
        if (betterHousehold == worseHousehold) return DecidingSteps.ChildOrder;
        return FirstDifference(instance.Household(betterHousehold), instance.Household(worseHousehold), out _) ?? DecidingSteps.HouseholdId;
    }

    static long TieBreakKey(IReadOnlyList<long> keys, int index) => index < keys.Count ? keys[index] : long.MaxValue;
}

/// <summary>Names of the key components, as shown in <see cref="Explanation.DecidingStep"/> and <see cref="Cutoff.DecidingStep"/>.</summary>
public static class DecidingSteps
{
    /// <summary>The winner holds its seat in that class (継続): holders come before everyone else there.</summary>
    public const string Held = "held";
    /// <summary>管内 before 管外.</summary>
    public const string Tier = "tier";
    /// <summary>選考基準指数.</summary>
    public const string Score = "score";
    /// <summary>抽選.</summary>
    public const string Lottery = "lottery";
    /// <summary>Everything else equal: the household id decides (a data-entry fallback; draws should differ).</summary>
    public const string HouseholdId = "householdId";
    /// <summary>Two children of the same household: the order of the application decides.</summary>
    public const string ChildOrder = "childOrder";

    /// <summary>同一指数の優先順位 key number <paramref name="index"/> (0-based).</summary>
    public static string TieBreak(int index) => $"tieBreak:{index}";
}
