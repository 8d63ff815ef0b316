namespace KosodateShien.Bench.Generator;

/// <summary>A 転園 application: the seat held, and a list made only of facilities the applicant prefers to it.</summary>
public static class TransferChoices
{
    public const int LowestHeldRank = 3, HighestHeldRank = 8;

    /// <param name="ranked">candidate facilities, best first</param>
    /// <param name="heldRank">1-based rank of the held facility in <paramref name="ranked"/></param>
    public static (int HeldFacility, RankedFacility[] Listed) Choose(ReadOnlySpan<RankedFacility> ranked, int heldRank, int listLength, int maxOptions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(heldRank, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(heldRank, ranked.Length);
        var listed = Math.Min(Math.Min(listLength, heldRank - 1), maxOptions);
        return (ranked[heldRank - 1].Facility, ranked[..listed].ToArray());
    }
}
