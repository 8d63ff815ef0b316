using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Facilities;

/// <summary>施設・事業所の種類.</summary>
public enum FacilityKind
{
    /// <summary>保育所</summary>
    NurserySchool,
    /// <summary>認定こども園</summary>
    CertifiedChildCenter,
    /// <summary>小規模保育事業 (0–2歳)</summary>
    SmallScale,
    /// <summary>家庭的保育事業 (0–2歳)</summary>
    FamilyDayCare,
    /// <summary>事業所内保育事業</summary>
    WorkplaceNursery,
}

/// <summary>Seats per クラス年齢 0歳児…5歳児 (利用定員, 空き定員 / 受入可能数).</summary>
public sealed record SeatsByAgeClass(int Age0, int Age1, int Age2, int Age3, int Age4, int Age5)
{
    public static readonly SeatsByAgeClass None = new(0, 0, 0, 0, 0, 0);

    public int this[int ageClass] => ageClass switch
    {
        0 => Age0, 1 => Age1, 2 => Age2, 3 => Age3, 4 => Age4, 5 => Age5,
        _ => throw new ArgumentOutOfRangeException(nameof(ageClass)),
    };

    public int[] ToArray() => [Age0, Age1, Age2, Age3, Age4, Age5];

    public int Total => Age0 + Age1 + Age2 + Age3 + Age4 + Age5;

    public static SeatsByAgeClass From(IReadOnlyList<int> seats, string field)
    {
        if (seats.Count != 6)
            throw new DomainRuleException("facility.seats-shape", "Seats are given for the six クラス年齢 0歳児…5歳児.", field);
        for (var i = 0; i < 6; i++)
            if (seats[i] is < 0 or > 1000)
                throw new DomainRuleException("facility.seats-range", $"Seats for {i}歳児 must be between 0 and 1000.", $"{field}.{i}");
        return new SeatsByAgeClass(seats[0], seats[1], seats[2], seats[3], seats[4], seats[5]);
    }

    /// <summary>地域型保育 (小規模・家庭的) takes children under 3 only: classes 3–5 must be empty.</summary>
    public void RequireUnderThreeOnly(FacilityKind kind, string field)
    {
        if (kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare && Age3 + Age4 + Age5 > 0)
            throw new DomainRuleException("facility.under-three-only", $"{kind} (地域型保育) serves 0–2歳児 only; seats for 3–5歳児 must be 0.", field);
    }
}
