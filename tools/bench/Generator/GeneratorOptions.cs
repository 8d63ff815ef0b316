namespace KosodateShien.Bench.Generator;

/// <summary>
/// Generator parameters; the defaults are ALLOCATION.md §4.2's. Part of the instance's identity: the same
/// (tier, seed, options) always gives the same instance.
/// </summary>
public sealed record GeneratorOptions
{
    public static readonly GeneratorOptions Default = new();

    /// <summary>Overrides the tier's household count (tests use small instances).</summary>
    public int? Households { get; init; }

    /// <summary>Overrides the tier's facility count.</summary>
    public int? Facilities { get; init; }

    /// <summary>Share of children per クラス年齢 0–5; 1歳 is the bottleneck.</summary>
    public IReadOnlyList<double> AgeShares { get; init; } = [0.25, 0.40, 0.15, 0.10, 0.05, 0.05];

    /// <summary>The ExtendedSDA generator's age shares, as a preset for <see cref="AgeShares"/>.</summary>
    public static IReadOnlyList<double> ExtendedSdaAgeShares { get; } = [0.30, 0.30, 0.15, 0.15, 0.05, 0.05];

    /// <summary>Seats per applicant over all classes; each class gets SeatRatio × ClassSeatFactors[g] × demand.</summary>
    public double SeatRatio { get; init; } = 0.8;

    public IReadOnlyList<double> ClassSeatFactors { get; init; } = [1.0, 0.75, 1.0, 1.2, 1.3, 1.3];

    /// <summary>Share of (facility, class) cells with no 募集 at all, unless a transfer applicant holds a seat there.</summary>
    public double ClosedCellShare { get; init; } = 0.15;

    /// <summary>Probability of listing 1..10 choices (mean ≈ 5; 5% list only one).</summary>
    public IReadOnlyList<double> ListLengthWeights { get; init; } = [0.05, 0.11, 0.14, 0.16, 0.15, 0.12, 0.10, 0.07, 0.05, 0.05];

    /// <summary>How many nearest facilities a household considers at all.</summary>
    public int CandidateFacilities { get; init; } = 30;

    public double DistanceWeight { get; init; } = 8.0;

    public double UtilityNoise { get; init; } = 0.5;

    /// <summary>Share of facilities placed like homes (in the clusters); the rest are uniform over the unit square.</summary>
    public double FacilitiesNearHomesShare { get; init; } = 0.7;

    public double SiblingHouseholdShare { get; init; } = 0.12;

    public double ThreeChildShare { get; init; } = 0.20;

    /// <summary>Share of two-child groups that are twins (same class).</summary>
    public double TwinShare { get; init; } = 0.02;

    /// <summary>Sibling forms, in the order 同じ園のみ, 別々でも可, 片方だけでも可.</summary>
    public IReadOnlyList<double> SiblingFormShares { get; init; } = [0.40, 0.45, 0.15];

    public int MaxSiblingOptions { get; init; } = 10;

    /// <summary>Options kept for partial placements (片方だけでも可) after the full tuples.</summary>
    public int PartialOptionSlots { get; init; } = 4;

    /// <summary>Share of single children who apply for a 転園 from a seat they hold.</summary>
    public double TransferShare { get; init; } = 0.08;

    /// <summary>Share of transfer applications that come from sibling groups (move all, else stay); 0 turns them off.</summary>
    public double SiblingTransferShare { get; init; } = 0.05;

    /// <summary>基準指数 per parent and its probabilities.</summary>
    public IReadOnlyList<PointsChance> ParentPoints { get; init; } = [new(20, 0.70), new(18, 0.15), new(16, 0.10), new(12, 0.05)];

    /// <summary>Household 調整指数 and its probabilities (otherwise 0).</summary>
    public IReadOnlyList<PointsChance> HouseholdAdjustments { get; init; } = [new(1, 0.15), new(3, 0.05)];

    public int SiblingGroupAdjustment { get; init; } = 1;

    public double SingleParentShare { get; init; } = 0.05;

    /// <summary>所得割額 (yen) ~ lognormal with this median and log-sd, rounded to 100 yen so that ties reach the lottery.</summary>
    public double IncomeTaxMedianYen { get; init; } = 150_000;

    public double IncomeTaxLogSigma { get; init; } = 0.7;

    public TieBreakOrder TieBreakOrder { get; init; } = TieBreakOrder.SingleParentThenIncomeTax;
}

/// <summary>Order of the 同一指数 keys in <c>HouseholdApplication.TieBreak</c>; the lottery always comes last.</summary>
public enum TieBreakOrder
{
    /// <summary>[ひとり親 ? 0 : 1, 所得割額]: ひとり親 first, as in many 23区 tables.</summary>
    SingleParentThenIncomeTax,
    /// <summary>[所得割額, ひとり親 ? 0 : 1]: the order written in ALLOCATION.md §4.2.</summary>
    IncomeTaxThenSingleParent,
}

/// <summary>A number of 指数 points drawn with the given probability.</summary>
public readonly record struct PointsChance(int Points, double Probability);
