using System.Globalization;
using KosodateShien.Domain.Allocation.Engine;

namespace KosodateShien.Bench.Generator;

/// <summary>
/// Draws one household at a time: home, children, their utilities over the nearest facilities, options, 指数 and
/// tie-break keys. Per-household work happens in reused buffers; only what goes into the instance is allocated.
/// </summary>
internal sealed class HouseholdBuilder
{
    private const int MaxChildren = 3;
    private static readonly IComparer<RankedFacility> BestFirst = Comparer<RankedFacility>.Create(
        (a, b) => a.Utility != b.Utility ? b.Utility.CompareTo(a.Utility) : a.Facility.CompareTo(b.Facility));

    private readonly GeneratorOptions options;
    private readonly FacilitySites sites;
    private readonly FacilityGrid grid;
    private readonly HomeClusters clusters;
    private readonly SeatDemand demand;
    private readonly Xoshiro256 random;
    private readonly double siblingTransferChance;
    private readonly PriorityDraws priority;

    private readonly int[] candidates;
    private readonly double[] distances;
    private readonly double[][] utilityByChild = new double[MaxChildren][];
    private readonly RankedFacility[][] rankedByChild = new RankedFacility[MaxChildren][];
    private readonly double[] summedUtility;
    private readonly RankedFacility[] rankedBySum;
    private int childrenSoFar;

    public HouseholdBuilder(GeneratorOptions options, FacilitySites sites, FacilityGrid grid, HomeClusters clusters, SeatDemand demand, Xoshiro256 random)
    {
        this.options = options;
        this.sites = sites;
        this.grid = grid;
        this.clusters = clusters;
        this.demand = demand;
        this.random = random;
        siblingTransferChance = SiblingTransferChance(options);
        priority = new PriorityDraws(options, random);

        var k = options.CandidateFacilities;
        candidates = new int[k];
        distances = new double[k];
        for (var c = 0; c < MaxChildren; c++)
        {
            utilityByChild[c] = new double[k];
            rankedByChild[c] = new RankedFacility[k];
        }
        summedUtility = new double[k];
        rankedBySum = new RankedFacility[k];
    }

    public HouseholdApplication Build(int index, long lottery)
    {
        var (x, y) = clusters.Sample(random);
        var found = grid.Nearest(x, y, options.CandidateFacilities, candidates, distances);

        var size = !random.Chance(options.SiblingHouseholdShare) ? 1 : random.Chance(options.ThreeChildShare) ? 3 : 2;
        var ages = DrawAges(size, twins: size == 2 && random.Chance(options.TwinShare));
        var childIds = new string[size];
        for (var c = 0; c < size; c++)
        {
            childIds[c] = "C" + (++childrenSoFar).ToString("D7", CultureInfo.InvariantCulture);
            DrawUtilities(utilityByChild[c], found);
        }
        var listLength = 1 + random.NextWeighted(options.ListLengthWeights);

        var heldFacility = SiblingTuples.NotPlaced;
        IReadOnlyDictionary<string, string?>[] householdOptions;
        if (size == 1)
        {
            var ranked = Rank(utilityByChild[0], found, rankedByChild[0]);
            if (found >= TransferChoices.LowestHeldRank && random.Chance(options.TransferShare))
                (heldFacility, householdOptions) = Transfer(ranked, listLength, childIds);
            else
                householdOptions = SameFacilityOptions(ranked[..Math.Min(listLength, found)], childIds);
        }
        else if (found >= TransferChoices.LowestHeldRank && random.Chance(siblingTransferChance))
        {
            (heldFacility, householdOptions) = Transfer(RankBySum(size, found), listLength, childIds);
        }
        else
        {
            householdOptions = SiblingOptions(size, found, listLength, childIds);
        }

        var children = new ApplicantChild[size];
        for (var c = 0; c < size; c++)
        {
            var held = heldFacility == SiblingTuples.NotPlaced ? null : sites.Ids[heldFacility];
            children[c] = new ApplicantChild(childIds[c], ages[c], held);
            demand.AddApplicant(ages[c]);
            if (held is not null) demand.AddHeldSeat(heldFacility, ages[c]);
        }

        return new HouseholdApplication(
            "H" + (index + 1).ToString("D6", CultureInfo.InvariantCulture),
            priority.Score(siblingGroup: size > 1),
            priority.TieBreakKeys(),
            lottery,
            Tier: 0,
            children,
            householdOptions);
    }

    private IReadOnlyDictionary<string, string?>[] SiblingOptions(int size, int found, int listLength, string[] childIds)
    {
        var form = (SiblingForm)random.NextWeighted(options.SiblingFormShares);
        if (form == SiblingForm.SameFacilityOnly)
            return SameFacilityOptions(RankBySum(size, found)[..Math.Min(Math.Min(listLength, found), options.MaxSiblingOptions)], childIds);

        var lists = new RankedFacility[size][];
        for (var c = 0; c < size; c++) lists[c] = Rank(utilityByChild[c], found, rankedByChild[c])[..Math.Min(listLength, found)].ToArray();
        var tuples = SiblingTuples.Rank(lists, allowPartial: form == SiblingForm.OnePlacementAllowed, options.MaxSiblingOptions, options.PartialOptionSlots);

        var result = new IReadOnlyDictionary<string, string?>[tuples.Count];
        for (var o = 0; o < tuples.Count; o++)
            result[o] = new OptionTuple(childIds, Array.ConvertAll(tuples[o], f => f == SiblingTuples.NotPlaced ? null : sites.Ids[f]));
        return result;
    }

    /// <summary>The held seat is at the facility ranked 3rd–8th by utility (for a sibling group: summed utility); the whole group moves or stays.</summary>
    private (int Held, IReadOnlyDictionary<string, string?>[] Options) Transfer(ReadOnlySpan<RankedFacility> ranked, int listLength, string[] childIds)
    {
        var heldRank = random.NextInt(TransferChoices.LowestHeldRank, Math.Min(TransferChoices.HighestHeldRank, ranked.Length));
        var (held, listed) = TransferChoices.Choose(ranked, heldRank, listLength, options.MaxSiblingOptions);
        return (held, SameFacilityOptions(listed, childIds));
    }

    /// <summary>One option per listed facility, every child of the household at that facility.</summary>
    private IReadOnlyDictionary<string, string?>[] SameFacilityOptions(ReadOnlySpan<RankedFacility> listed, string[] childIds)
    {
        var result = new IReadOnlyDictionary<string, string?>[listed.Length];
        for (var o = 0; o < listed.Length; o++)
        {
            var facilities = new string?[childIds.Length];
            Array.Fill(facilities, sites.Ids[listed[o].Facility]);
            result[o] = new OptionTuple(childIds, facilities);
        }
        return result;
    }

    private void DrawUtilities(double[] utility, int found)
    {
        for (var j = 0; j < found; j++)
            utility[j] = sites.Popularity[candidates[j]] - options.DistanceWeight * distances[j] + options.UtilityNoise * random.NextGumbel();
    }

    private ReadOnlySpan<RankedFacility> RankBySum(int size, int found)
    {
        Array.Clear(summedUtility);
        for (var c = 0; c < size; c++)
            for (var j = 0; j < found; j++) summedUtility[j] += utilityByChild[c][j];
        return Rank(summedUtility, found, rankedBySum);
    }

    /// <summary>Candidates by utility, best first; equal utilities by facility index so that the order never depends on the sort.</summary>
    private ReadOnlySpan<RankedFacility> Rank(double[] utility, int found, RankedFacility[] into)
    {
        for (var j = 0; j < found; j++) into[j] = new RankedFacility(candidates[j], utility[j]);
        Array.Sort(into, 0, found, BestFirst);
        return into.AsSpan(0, found);
    }

    /// <summary>Siblings are in different classes, except twins.</summary>
    private int[] DrawAges(int size, bool twins)
    {
        var ages = new int[size];
        for (var c = 0; c < size; c++)
        {
            if (twins && c > 0) { ages[c] = ages[0]; continue; }
            do ages[c] = random.NextWeighted(options.AgeShares);
            while (Array.IndexOf(ages, ages[c], 0, c) >= 0);
        }
        return ages;
    }

    /// <summary>
    /// Sibling groups are drawn per household, transfers per single child: choose the group rate so that
    /// SiblingTransferShare of all transfer applications come from sibling groups.
    /// </summary>
    private static double SiblingTransferChance(GeneratorOptions options)
    {
        var share = options.SiblingTransferShare;
        if (share <= 0 || options.SiblingHouseholdShare <= 0) return 0;
        var singleTransfersPerHousehold = options.TransferShare * (1 - options.SiblingHouseholdShare);
        return Math.Min(1, singleTransfersPerHousehold * share / (1 - share) / options.SiblingHouseholdShare);
    }

    private enum SiblingForm
    {
        /// <summary>同じ園のみ</summary>
        SameFacilityOnly,
        /// <summary>別々でも可</summary>
        SeparateAllowed,
        /// <summary>片方だけでも可</summary>
        OnePlacementAllowed,
    }
}
