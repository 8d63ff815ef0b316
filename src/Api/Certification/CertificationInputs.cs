using KosodateShien.Api.Http;
using KosodateShien.Domain.Certification;

namespace KosodateShien.Api.Certification;

/// <summary>保育必要性: one guardian's 事由 with monthly hours where the rule counts hours.</summary>
/// <param name="GuardianId">保護者 (person id)</param>
/// <param name="Reason">保育必要性の事由</param>
/// <param name="MonthlyHours">月の就労等時間</param>
/// <param name="Until">事由の終了予定日 (育児休業終了日, 出産後8週 …)</param>
public sealed record NeedInput(Guid GuardianId, CareNeedReason Reason, int? MonthlyHours = null, DateOnly? Until = null)
{
    public CareNeed ToDomain() => new(GuardianId, Reason, MonthlyHours, Until);

    public static void ValidateAll(FieldErrors errors, IReadOnlyList<NeedInput> needs)
    {
        if (needs.Count > 4) errors.Add("needs", "must name at most 4 needs (one per guardian).");
        for (var i = 0; i < needs.Count; i++)
        {
            errors.NotEmpty($"needs[{i}].guardianId", needs[i].GuardianId);
            if (needs[i].MonthlyHours is { } hours) errors.Range($"needs[{i}].monthlyHours", hours, 0, 744);
        }
    }
}
