using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Facilities;

namespace KosodateShien.Domain.Contracts;

public static class ServiceKinds
{
    /// <summary>利用サービス種類 of a placement: 教育 for 1号, 地域型保育 at small-scale, family and workplace care, else 保育.</summary>
    public static ServiceKind For(CertificationCategory category, FacilityKind facility) =>
        category == CertificationCategory.Category1 ? ServiceKind.Education
        : facility is FacilityKind.SmallScale or FacilityKind.FamilyDayCare or FacilityKind.WorkplaceNursery ? ServiceKind.CommunityCare
        : ServiceKind.NurseryCare;
}
