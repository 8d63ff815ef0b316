using System.Text.Json.Serialization;

namespace KosodateShien.Domain.Facilities;

/// <summary>施設類型 as the 公定価格 and the 給付費 know it (finer than <see cref="FacilityKind"/>, which 利用調整 uses).</summary>
public enum FacilityCategory
{
    /// <summary>私立保育所 (委託費)</summary>
    [JsonStringEnumMemberName("privateNursery")] PrivateNursery,
    /// <summary>公立保育所 (区立: no 給付費 is paid, the 区 bears the cost)</summary>
    [JsonStringEnumMemberName("publicNursery")] PublicNursery,
    /// <summary>幼保連携型認定こども園</summary>
    [JsonStringEnumMemberName("integratedCenter")] IntegratedCenter,
    /// <summary>保育所型認定こども園</summary>
    [JsonStringEnumMemberName("nurseryTypeCenter")] NurseryTypeCenter,
    /// <summary>幼稚園型認定こども園</summary>
    [JsonStringEnumMemberName("kindergartenTypeCenter")] KindergartenTypeCenter,
    /// <summary>地方裁量型認定こども園</summary>
    [JsonStringEnumMemberName("localDiscretionCenter")] LocalDiscretionCenter,
    /// <summary>新制度幼稚園 (施設型給付を受ける幼稚園)</summary>
    [JsonStringEnumMemberName("newSystemKindergarten")] NewSystemKindergarten,
    /// <summary>小規模保育事業A型</summary>
    [JsonStringEnumMemberName("smallScaleA")] SmallScaleA,
    /// <summary>小規模保育事業B型</summary>
    [JsonStringEnumMemberName("smallScaleB")] SmallScaleB,
    /// <summary>小規模保育事業C型</summary>
    [JsonStringEnumMemberName("smallScaleC")] SmallScaleC,
    /// <summary>家庭的保育事業</summary>
    [JsonStringEnumMemberName("familyDayCare")] FamilyDayCare,
    /// <summary>事業所内保育事業</summary>
    [JsonStringEnumMemberName("workplaceNursery")] WorkplaceNursery,
    /// <summary>居宅訪問型保育事業</summary>
    [JsonStringEnumMemberName("homeVisit")] HomeVisit,
}

/// <summary>地域区分 of the 公定価格 (特別区 = 20/100), set per 年度.</summary>
public enum RegionCategory
{
    [JsonStringEnumMemberName("20/100")] Percent20,
    [JsonStringEnumMemberName("16/100")] Percent16,
    [JsonStringEnumMemberName("15/100")] Percent15,
    [JsonStringEnumMemberName("12/100")] Percent12,
    [JsonStringEnumMemberName("10/100")] Percent10,
    [JsonStringEnumMemberName("6/100")] Percent6,
    [JsonStringEnumMemberName("3/100")] Percent3,
    /// <summary>その他地域</summary>
    [JsonStringEnumMemberName("other")] Other,
}

public static class FacilityCategories
{
    /// <summary>
    /// How the ward pays the category: 委託費 (full 公定価格, the ward collects the fee) for a 私立保育所, 施設型給付費 or 地域型保育給付費
    /// (公定価格 − 利用者負担額) for the others, nothing for a 公立保育所 (null).
    /// </summary>
    public static FacilityPayments.PaymentKind? Payment(this FacilityCategory category) => category switch
    {
        FacilityCategory.PrivateNursery => FacilityPayments.PaymentKind.Commission,
        FacilityCategory.PublicNursery => null,
        _ => FacilityPayments.PaymentKind.Benefit,
    };

    /// <summary>地域型保育 (法29条 地域型保育給付費): 小規模, 家庭的, 事業所内, 居宅訪問型.</summary>
    public static bool IsCommunityCare(this FacilityCategory category) => category is FacilityCategory.SmallScaleA or FacilityCategory.SmallScaleB
        or FacilityCategory.SmallScaleC or FacilityCategory.FamilyDayCare or FacilityCategory.WorkplaceNursery or FacilityCategory.HomeVisit;
}
