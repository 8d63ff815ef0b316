using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.FacilityPayments;

/// <summary>One item's certification from a month (until a month, or the 年度's end).</summary>
public sealed record CertifiedAddon(string Code, DateOnly FromMonth, DateOnly? UntilMonth, AddonParameters? Parameters, int PriceTableVersion)
{
    public bool AppliesIn(DateOnly month) => FromMonth <= month && (UntilMonth is null || month <= UntilMonth);
}

/// <summary>The 加算率 in force from a month.</summary>
public sealed record TreatmentRatePeriod(DateOnly FromMonth, decimal A, decimal B, int PersonsA, int PersonsB, bool Provisional);

/// <summary>An 申請 not yet decided.</summary>
public sealed record PendingAddon(string Code, DateOnly FromMonth, DateOnly AppliedOn);

/// <summary>
/// 加算認定: the write model of one facility's 加算 for one 年度 — the items certified month by month, the 処遇改善 加算率 (provisional,
/// then final), the 申請 still pending, the 実績報告 and its shortfall.
/// </summary>
/// <param name="FiscalYear">年度</param>
public sealed record AddonCertification(
    Guid Id,
    Guid FacilityId,
    int FiscalYear,
    IReadOnlyList<CertifiedAddon> Items,
    IReadOnlyList<TreatmentRatePeriod> Rates,
    IReadOnlyList<PendingAddon> Pending,
    long? ImprovementPaid,
    long? ImprovementRequired,
    long Shortfall) : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The stream of a facility's 年度: the same id on every node.</summary>
    public static Guid StreamId(Guid facilityId, int fiscalYear) => NameBasedGuid.For($"facility-addons/{facilityId}/{fiscalYear}");

    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(AddonApplied),
        typeof(AddonCertificationOpened),
        typeof(AddonCertified),
        typeof(AddonRevoked),
        typeof(TreatmentPerformanceReported),
        typeof(TreatmentRatesCertified),
        typeof(TreatmentShortfallDetermined),
    ];

    public static AddonCertification? Evolve(AddonCertification? state, object @event) => (state, @event) switch
    {
        (null, AddonCertificationOpened e) => new AddonCertification(e.CertificationId, e.FacilityId, e.FiscalYear, [], [], [], null, null, 0),
        (not null, AddonApplied e) => state with { Pending = [.. state.Pending.Where(p => p.Code != e.Code), new PendingAddon(e.Code, e.FromMonth, e.AppliedOn)] },
        // A certification from a month ends the item's earlier certification the month before (変更) and settles its 申請.
        (not null, AddonCertified e) => state with
        {
            Items = [.. Cut(state.Items, e.Code, e.FromMonth), new CertifiedAddon(e.Code, e.FromMonth, e.UntilMonth, e.Parameters, e.PriceTableVersion)],
            Pending = [.. state.Pending.Where(p => p.Code != e.Code)],
        },
        (not null, AddonRevoked e) => state with { Items = [.. Cut(state.Items, e.Code, e.FromMonth)], Pending = [.. state.Pending.Where(p => p.Code != e.Code)] },
        (not null, TreatmentRatesCertified e) => state with
        {
            Rates = [.. state.Rates.Where(r => r.FromMonth < e.FromMonth), new TreatmentRatePeriod(e.FromMonth, e.A, e.B, e.PersonsA, e.PersonsB, e.Provisional)],
        },
        (not null, TreatmentPerformanceReported e) => state with { ImprovementPaid = e.ImprovementPaid, ImprovementRequired = e.ImprovementRequired },
        (not null, TreatmentShortfallDetermined e) => state with { Shortfall = e.Amount },
        _ => state,
    };

    private static IEnumerable<CertifiedAddon> Cut(IEnumerable<CertifiedAddon> items, string code, DateOnly from) =>
        items.Where(i => i.Code != code || i.FromMonth < from)
            .Select(i => i.Code == code && (i.UntilMonth is null || i.UntilMonth >= from) ? i with { UntilMonth = from.AddMonths(-1) } : i);

    /// <summary>The catalogue codes that apply in the month.</summary>
    public IReadOnlyList<string> ItemsIn(DateOnly month) => [.. Items.Where(i => i.AppliesIn(month)).Select(i => i.Code).Distinct()];

    /// <summary>The 加算率 in force in the month, or null before the first certification.</summary>
    public TreatmentRatePeriod? RatesIn(DateOnly month) => Rates.LastOrDefault(r => r.FromMonth <= month);

    public static AddonCertificationOpened Open(Guid facilityId, int fiscalYear) => new(StreamId(facilityId, fiscalYear), facilityId, fiscalYear);

    public AddonApplied Apply(string code, DateOnly fromMonth, DateOnly appliedOn, string? attachments)
    {
        InYear(fromMonth, "fromMonth");
        return new AddonApplied(Id, code, JapaneseDates.FirstOfMonth(fromMonth), appliedOn, attachments);
    }

    /// <summary>認定 (or 変更 from a later month): the code must be in the 単価表 in force at the 適用年月.</summary>
    public AddonCertified Certify(PublicPriceTable table, string code, DateOnly fromMonth, DateOnly? untilMonth, DateOnly certifiedOn, AddonParameters? parameters,
        string? changeReason)
    {
        InYear(fromMonth, "fromMonth");
        if (untilMonth is { } until)
        {
            InYear(until, "untilMonth");
            if (until < fromMonth) throw new DomainRuleException("addon.until-before-from", "The last month must not be before the 適用年月.", "untilMonth");
        }
        var item = table.Catalogue.FirstOrDefault(c => c.Code == code)
            ?? throw new DomainRuleException("addon.unknown-item", $"単価表 v{table.Version} has no 加算・減算 '{code}'.", "code");
        if (code is PublicPriceTable.QualityPartA or PublicPriceTable.QualityPartB)
            throw new DomainRuleException("addon.quality-part", "区分3 is paid for the 人数A/B certified with the 加算率 (treatment-rates), not as an item.", "code");
        var month = JapaneseDates.FirstOfMonth(fromMonth);
        if (item.Kind == CatalogueKind.MarchOnly && month.Month != 3)
            throw new DomainRuleException("addon.march-only", $"{item.Name} is paid in March only: certify it from March of the 年度.", "fromMonth");
        if (Items.Any(i => i.Code == code && i.FromMonth < month && i.AppliesIn(month)) && string.IsNullOrWhiteSpace(changeReason))
            throw new DomainRuleException("addon.change-reason", $"{item.Name} is already certified before {month:yyyy-MM}: give the 変更理由.", "changeReason");
        return new AddonCertified(Id, code, month, untilMonth is { } u ? JapaneseDates.FirstOfMonth(u) : null, certifiedOn, parameters, changeReason?.Trim(),
            table.Version);
    }

    public AddonRevoked Revoke(string code, DateOnly fromMonth, DateOnly revokedOn, string reason)
    {
        InYear(fromMonth, "fromMonth");
        var month = JapaneseDates.FirstOfMonth(fromMonth);
        if (!Items.Any(i => i.Code == code && (i.UntilMonth is null || i.UntilMonth >= month)))
            throw new DomainRuleException("addon.not-certified", $"'{code}' is not certified from {month:yyyy-MM} on.", "code");
        return new AddonRevoked(Id, code, month, revokedOn, reason);
    }

    public TreatmentRatesCertified CertifyRates(decimal a, decimal b, int personsA, int personsB, DateOnly fromMonth, bool provisional, DateOnly certifiedOn)
    {
        InYear(fromMonth, "fromMonth");
        var month = JapaneseDates.FirstOfMonth(fromMonth);
        if (provisional && Rates.Any(r => !r.Provisional && r.FromMonth <= month))
            throw new DomainRuleException("addon.rates-final", "Final 加算率 are certified for that month: a provisional rate cannot replace them.", "provisional");
        return new TreatmentRatesCertified(Id, a, b, personsA, personsB, month, provisional, certifiedOn);
    }

    public TreatmentPerformanceReported ReportPerformance(DateOnly reportedOn, long paid, long required) => new(Id, reportedOn, paid, required);

    /// <summary>実績の不足: what was required but not paid to staff is returned (never negative).</summary>
    public TreatmentShortfallDetermined DetermineShortfall(DateOnly determinedOn)
    {
        if (ImprovementPaid is not { } paid || ImprovementRequired is not { } required)
            throw new DomainRuleException("addon.no-performance-report", "The 実績報告 has not been received.");
        return new TreatmentShortfallDetermined(Id, Math.Max(0, required - paid), determinedOn, "処遇改善等加算 実績報告: 賃金改善実績額が要件額に満たない");
    }

    private void InYear(DateOnly month, string field)
    {
        if (JapaneseDates.FiscalYearOf(month) != FiscalYear)
            throw new DomainRuleException("addon.outside-fiscal-year", $"{month:yyyy-MM} is not in 年度 {FiscalYear} (April {FiscalYear} – March {FiscalYear + 1}).", field);
    }
}
