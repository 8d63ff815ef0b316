namespace KosodateShien.Domain.FacilityPayments;

/// <summary>加算の適用に係るパラメータ: 加配人数 (チーム保育推進加算 …) or a tier (療育支援加算 A–D, 栄養管理加算 A–C).</summary>
/// <param name="ExtraStaff">加配人数</param>
/// <param name="Tier">区分 (A, B, …)</param>
public sealed record AddonParameters(int? ExtraStaff = null, string? Tier = null);

/// <summary>加算認定 of one facility for one 年度: the stream starts with the first 申請 or 認定 of the year.</summary>
public sealed record AddonCertificationOpened(Guid CertificationId, Guid FacilityId, int FiscalYear);

/// <summary>加算（調整）適用申請: the item, the 適用年月 asked for (3月加算: the 年度), the 申請日 and what was attached (添付書類).</summary>
public sealed record AddonApplied(Guid CertificationId, string Code, DateOnly FromMonth, DateOnly AppliedOn, string? Attachments);

/// <summary>
/// 加算認定: the item applies from 適用年月 (<paramref name="FromMonth"/>) until <paramref name="UntilMonth"/> (null = the 年度's
/// end), with its parameters. A later 認定 of the same item from a later month is a 変更 (変更年月, 変更理由) and replaces it from then.
/// </summary>
public sealed record AddonCertified(Guid CertificationId, string Code, DateOnly FromMonth, DateOnly? UntilMonth, DateOnly CertifiedOn, AddonParameters? Parameters,
    string? ChangeReason, int PriceTableVersion);

/// <summary>加算の取消 (要件を満たさなくなった): no longer applies from <paramref name="FromMonth"/>.</summary>
public sealed record AddonRevoked(Guid CertificationId, string Code, DateOnly FromMonth, DateOnly RevokedOn, string Reason);

/// <summary>
/// 処遇改善等加算の加算率 certified from a month: a (区分1, by 平均経験年数), b (区分2), and 区分3's 人数A/B. A provisional rate (仮単価:
/// last year's, paid until the certification) is later replaced by the final one from the same month, and the months already
/// paid are recomputed (BENEFITS.md E9).
/// </summary>
/// <param name="PersonsA">区分3 人数A</param>
/// <param name="PersonsB">区分3 人数B</param>
public sealed record TreatmentRatesCertified(Guid CertificationId, decimal A, decimal B, int PersonsA, int PersonsB, DateOnly FromMonth, bool Provisional,
    DateOnly CertifiedOn);

/// <summary>処遇改善等加算 実績報告: what the facility paid its staff in the 年度 against what the 加算 required.</summary>
/// <param name="ImprovementPaid">賃金改善実績額</param>
/// <param name="ImprovementRequired">賃金改善要件額 (the 加算 it received for the purpose)</param>
public sealed record TreatmentPerformanceReported(Guid CertificationId, DateOnly ReportedOn, long ImprovementPaid, long ImprovementRequired);

/// <summary>実績の不足: the amount to be returned (返還), and why.</summary>
public sealed record TreatmentShortfallDetermined(Guid CertificationId, long Amount, DateOnly DeterminedOn, string Reason);
