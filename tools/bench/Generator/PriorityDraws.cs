namespace KosodateShien.Bench.Generator;

/// <summary>A household's 選考基準指数 and 同一指数 keys: two parents' 基準指数, household 調整指数, ひとり親 and 所得割額.</summary>
internal sealed class PriorityDraws(GeneratorOptions options, Xoshiro256 random)
{
    private readonly double[] parentPointWeights = options.ParentPoints.Select(p => p.Probability).ToArray();

    public decimal Score(bool siblingGroup)
    {
        var parents = ParentPoints() + ParentPoints();
        return parents + AdjustmentPoints() + (siblingGroup ? options.SiblingGroupAdjustment : 0);
    }

    /// <summary>Lower comes first: ひとり親 encoded 0 (others 1), 所得割額 in yen rounded to 100 so that ties reach the lottery.</summary>
    public long[] TieBreakKeys()
    {
        var singleParent = random.Chance(options.SingleParentShare) ? 0L : 1L;
        var incomeTax = 100L * (long)Math.Round(random.NextLogNormal(Math.Log(options.IncomeTaxMedianYen), options.IncomeTaxLogSigma) / 100);
        return options.TieBreakOrder == TieBreakOrder.SingleParentThenIncomeTax ? [singleParent, incomeTax] : [incomeTax, singleParent];
    }

    private int ParentPoints() => options.ParentPoints[random.NextWeighted(parentPointWeights)].Points;

    private int AdjustmentPoints()
    {
        var u = random.NextDouble();
        foreach (var entry in options.HouseholdAdjustments)
        {
            if (u < entry.Probability) return entry.Points;
            u -= entry.Probability;
        }
        return 0;
    }
}
