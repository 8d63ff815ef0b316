using KosodateShien.Domain.Collection;
using Marten;

namespace KosodateShien.Projections.Collection;

/// <summary>An age bucket of the 滞納状況: from <paramref name="FromDays"/> to <paramref name="ToDays"/> days past 納期限 (no upper end when null).</summary>
/// <param name="Label">経過日数区分 as a heading shows it, e.g. <c>1-30</c>, <c>1096-</c></param>
public sealed record AgingBucket(string Label, int FromDays, int? ToDays)
{
    public bool Holds(int days) => days >= FromDays && (ToDays is null || days <= ToDays);
}

/// <summary>What falls in one age bucket: 件数 and 滞納額.</summary>
/// <param name="Bucket">経過日数区分 (the bucket's label)</param>
/// <param name="Charges">件数</param>
/// <param name="Amount">滞納額 (未納額 past 納期限)</param>
public sealed record AgingAmount(string Bucket, int Charges, long Amount);

/// <summary>One 滞納者 of the 滞納状況: what they owe past 納期限, by age.</summary>
/// <param name="PayerId">納入義務者 (a guardian's person id)</param>
/// <param name="Charges">滞納件数</param>
/// <param name="Outstanding">滞納額 (未納額 past 納期限, all buckets)</param>
/// <param name="OldestDueDate">最古納期限</param>
/// <param name="Buckets">滞納額 by days past 納期限, one entry per bucket of the report in its order</param>
public sealed record ArrearsAgingLine(Guid PayerId, int Charges, long Outstanding, DateOnly OldestDueDate, IReadOnlyList<AgingAmount> Buckets);

/// <summary>
/// 滞納状況 (arrears by age) at the end of <paramref name="AsOf"/>: every payer owing something past 納期限 on a charge neither
/// cancelled nor written off by then, the amount split by days past 納期限 (the day after 納期限 is day 1). The lines are the
/// largest debts first, at most the limit asked; the totals cover every payer.
/// </summary>
/// <param name="Buckets">経過日数区分: the age buckets used</param>
/// <param name="Payers">滞納者数 (all, not only the lines shown)</param>
/// <param name="Charges">滞納件数 (all)</param>
/// <param name="Outstanding">滞納額 合計 (all)</param>
/// <param name="Totals">滞納額 and 件数 per bucket (all)</param>
public sealed record ArrearsAgingReport(DateOnly AsOf, IReadOnlyList<AgingBucket> Buckets, int Payers, int Charges, long Outstanding, IReadOnlyList<AgingAmount> Totals,
    IReadOnlyList<ArrearsAgingLine> Lines);

public static class ArrearsAging
{
    /// <summary>The age buckets, by days past 納期限: up to a month, a quarter, a year, three years, and beyond. Change them here.</summary>
    public static IReadOnlyList<AgingBucket> Buckets { get; } =
        [new("1-30", 1, 30), new("31-90", 31, 90), new("91-365", 91, 365), new("366-1095", 366, 1095), new("1096-", 1096, null)];

    public static async Task<ArrearsAgingReport> ArrearsAgingAsync(this IQuerySession session, DateOnly asOf, int limit, CancellationToken ct)
    {
        // In SQL: past 納期限, and owing now or lowered what it owes after the day (it may have owed then). Streamed, not listed.
        var candidates = session.Query<Charge>().Where(c => c.DueDate < asOf && (c.Outstanding > 0 || c.LastReductionOn > asOf)).ToAsyncEnumerable(ct);
        var payers = new Dictionary<Guid, PayerArrears>();
        var totals = new PayerArrears();
        await foreach (var charge in candidates)
        {
            if (charge.AssessedOn > asOf) continue;
            var owed = charge.AsOf(asOf).Outstanding;
            if (owed == 0) continue;
            var bucket = IndexOfBucket(asOf.DayNumber - charge.DueDate.DayNumber);
            if (!payers.TryGetValue(charge.PayerId, out var payer)) payers[charge.PayerId] = payer = new PayerArrears();
            payer.Add(bucket, owed, charge.DueDate);
            totals.Add(bucket, owed, charge.DueDate);
        }
        var lines = payers
            .OrderByDescending(p => p.Value.Outstanding).ThenBy(p => p.Value.OldestDueDate).ThenBy(p => p.Key)
            .Take(limit)
            .Select(p => new ArrearsAgingLine(p.Key, p.Value.Charges, p.Value.Outstanding, p.Value.OldestDueDate, p.Value.ByBucket()))
            .ToList();
        return new ArrearsAgingReport(asOf, Buckets, payers.Count, totals.Charges, totals.Outstanding, totals.ByBucket(), lines);
    }

    private static int IndexOfBucket(int daysPastDue)
    {
        for (var i = 0; i < Buckets.Count; i++)
            if (Buckets[i].Holds(daysPastDue)) return i;
        throw new InvalidOperationException($"No age bucket holds {daysPastDue} days past 納期限.");
    }

    private sealed class PayerArrears
    {
        private readonly int[] _charges = new int[Buckets.Count];
        private readonly long[] _amounts = new long[Buckets.Count];

        public int Charges => _charges.Sum();
        public long Outstanding => _amounts.Sum();
        public DateOnly OldestDueDate { get; private set; } = DateOnly.MaxValue;

        public void Add(int bucket, long amount, DateOnly dueDate)
        {
            _charges[bucket]++;
            _amounts[bucket] += amount;
            if (dueDate < OldestDueDate) OldestDueDate = dueDate;
        }

        public IReadOnlyList<AgingAmount> ByBucket() => [.. Buckets.Select((b, i) => new AgingAmount(b.Label, _charges[i], _amounts[i]))];
    }
}
