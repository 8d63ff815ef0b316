namespace KosodateShien.Bench.Generator;

/// <summary>Applicants per class and seats held by transfer applicants per (facility, class), counted while households are built.</summary>
public sealed class SeatDemand(int facilities)
{
    public const int AgeClasses = 6;

    public int[] ApplicantsByClass { get; } = new int[AgeClasses];

    /// <summary>Indexed facility × AgeClasses + class.</summary>
    public int[] Held { get; } = new int[facilities * AgeClasses];

    public int[] HeldByClass { get; } = new int[AgeClasses];

    public void AddApplicant(int ageClass) => ApplicantsByClass[ageClass]++;

    public void AddHeldSeat(int facility, int ageClass)
    {
        Held[facility * AgeClasses + ageClass]++;
        HeldByClass[ageClass]++;
    }
}
