using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Domain.Facilities;

/// <summary>
/// 事業者管理 (issue 14, BENEFITS.md §1, §2.1, §6): what the 給付費 needs to know about a facility besides its seats — 事業者,
/// 施設類型, 地域区分, 認定区分別の利用定員, 確認, 分園, 開所日, 事業所口座 and 指導監査. Every change carries the next
/// 事業所履歴番号.
/// </summary>
public sealed partial record Facility
{
    private int NextHistoryNumber => HistoryNumber + 1;

    // --- 事業者 ---------------------------------------------------------------------------------------------

    /// <summary>事業者 from a date: the first one recorded, or a change (法人名, 代表者, …).</summary>
    public object RecordOperator(FacilityOperator @operator, DateOnly effectiveFrom, string? reason)
    {
        RequireOpen(effectiveFrom, "effectiveFrom");
        if (!CorporateNumbers.IsWellFormed(@operator.CorporateNumber))
            throw new DomainRuleException("facility.corporate-number", "事業者番号 (法人番号) is 13 digits.", "corporateNumber");
        if (!CorporateNumbers.IsValid(@operator.CorporateNumber))
            throw new DomainRuleException("facility.corporate-number",
                $"{@operator.CorporateNumber} is not a 法人番号: its first digit, the check digit, would be {CorporateNumbers.CheckDigit(@operator.CorporateNumber[1..])}.",
                "corporateNumber");
        return Operators is null or []
            ? new FacilityOperatorRecorded(Id, @operator, effectiveFrom, NextHistoryNumber)
            : new FacilityOperatorChanged(Id, @operator, effectiveFrom, reason, NextHistoryNumber);
    }

    /// <summary>The 事業者 in force on the day (null before the first recorded).</summary>
    public FacilityOperator? OperatorOn(DateOnly day) => EffectiveDated.On(Operators, day)?.Operator;

    // --- 施設類型 -------------------------------------------------------------------------------------------

    /// <summary>施設類型 from a date; it must be one of the <see cref="FacilityKind"/> the facility was registered as.</summary>
    public object AssignCategory(FacilityCategory category, DateOnly effectiveFrom)
    {
        if (!Enum.IsDefined(category) || !FacilityKinds.Allows(Kind, category))
            throw new DomainRuleException("facility.category-kind",
                $"施設類型 {category} does not fit a {Kind}; it takes {string.Join(", ", FacilityKinds.CategoriesOf(Kind))}.", "category");
        RequireOpen(effectiveFrom, "effectiveFrom");
        return Categories is null or []
            ? new FacilityCategoryAssigned(Id, category, effectiveFrom, NextHistoryNumber)
            : new FacilityCategoryChanged(Id, category, effectiveFrom, NextHistoryNumber);
    }

    /// <summary>The 施設類型 in force on the day (null before the first assigned).</summary>
    public FacilityCategory? CategoryOn(DateOnly day) => EffectiveDated.On(Categories, day)?.Category;

    // --- 地域区分 -------------------------------------------------------------------------------------------

    /// <summary>地域区分 for a 年度 (April–March), replacing one set before for the same 年度.</summary>
    public RegionCategoryAssigned AssignRegionCategory(int fiscalYear, RegionCategory category)
    {
        if (fiscalYear is < 1900 or > 2999)
            throw new DomainRuleException("facility.fiscal-year", "年度 must be between 1900 and 2999.", "fiscalYear");
        if (!Enum.IsDefined(category))
            throw new DomainRuleException("facility.region-category", "地域区分 is 20/100, 16/100, 15/100, 12/100, 10/100, 6/100, 3/100 or other.", "category");
        RequireOpen(new DateOnly(fiscalYear, 4, 1), "fiscalYear");
        return new RegionCategoryAssigned(Id, fiscalYear, category, NextHistoryNumber);
    }

    /// <summary>The 地域区分 of the 年度 the month belongs to (null when none was set for that 年度).</summary>
    public RegionCategory? RegionCategoryFor(DateOnly month) =>
        RegionCategories?.FirstOrDefault(r => r.FiscalYear == JapaneseDates.FiscalYearOf(month))?.Category;

    // --- 利用定員 by 認定区分 ------------------------------------------------------------------------------------

    /// <summary>
    /// 利用定員 by 認定区分 from a date. 1号 (教育) only in a 認定こども園; 地域型保育 (小規模・家庭的) takes 3号 only, like its
    /// seats by クラス年齢.
    /// </summary>
    public UsageCapacityChanged ChangeUsageCapacity(UsageCapacity capacity, DateOnly effectiveFrom)
    {
        foreach (var (seats, field) in new[] { (capacity.Certification1, "certification1"), (capacity.Certification2, "certification2"), (capacity.Certification3, "certification3") })
            if (seats is < 0 or > 1000)
                throw new DomainRuleException("facility.usage-capacity-range", "利用定員 is between 0 and 1000 for each 認定区分.", $"capacity.{field}");
        if (capacity.Total == 0)
            throw new DomainRuleException("facility.usage-capacity-empty", "利用定員 must be at least 1 in some 認定区分.", "capacity");
        if (Kind != FacilityKind.CertifiedChildCenter && capacity.Certification1 > 0)
            throw new DomainRuleException("facility.usage-capacity-certification", $"Only a 認定こども園 has a 1号 利用定員, not a {Kind}.", "capacity.certification1");
        if (Kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare && capacity.Certification2 > 0)
            throw new DomainRuleException("facility.usage-capacity-certification", $"{Kind} (地域型保育) takes 3号 children only; its 2号 利用定員 must be 0.",
                "capacity.certification2");
        RequireOpen(effectiveFrom, "effectiveFrom");
        return new UsageCapacityChanged(Id, capacity, effectiveFrom, NextHistoryNumber);
    }

    /// <summary>The 利用定員 by 認定区分 in force on the day (null before the first recorded).</summary>
    public UsageCapacity? UsageCapacityOn(DateOnly day) => EffectiveDated.On(UsageCapacities, day)?.Capacity;

    // --- 確認 -----------------------------------------------------------------------------------------------

    /// <summary>
    /// 確認 on a day under the article that fits the facility: 法43条 for 地域型保育 (小規模, 家庭的, 事業所内), 法31条 for the
    /// others. A facility is confirmed once at a time; after a 取消 a new 確認 may follow from the 取消日 on.
    /// </summary>
    public FacilityConfirmed Confirm(DateOnly confirmedOn, ConfirmationBasis basis)
    {
        var expected = Kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare or FacilityKind.WorkplaceNursery ? ConfirmationBasis.Article43 : ConfirmationBasis.Article31;
        if (basis != expected)
            throw new DomainRuleException("facility.confirmation-basis",
                $"A {Kind} is confirmed under {(expected == ConfirmationBasis.Article43 ? "法43条 (特定地域型保育事業者)" : "法31条 (特定教育・保育施設)")}.", "basis");
        if (Confirmations is [.., var latest])
        {
            if (latest.RevokedOn is not { } revoked)
                throw new DomainRuleException("facility.already-confirmed", $"{Name} has been confirmed since {latest.ConfirmedOn:yyyy-MM-dd}.", "confirmedOn");
            if (confirmedOn < revoked)
                throw new DomainRuleException("facility.confirmed-before-revocation", $"The 確認 of {Name} was revoked from {revoked:yyyy-MM-dd}; a new one cannot start before.",
                    "confirmedOn");
        }
        RequireOpen(confirmedOn, "confirmedOn");
        return new FacilityConfirmed(Id, confirmedOn, basis, NextHistoryNumber);
    }

    /// <summary>確認の変更 (date and 内容) of the 確認 in force.</summary>
    public FacilityConfirmationChanged ChangeConfirmation(DateOnly changedOn, string details)
    {
        var current = CurrentConfirmation();
        if (changedOn < current.ConfirmedOn)
            throw new DomainRuleException("facility.confirmation-date", $"The 確認 of {Name} dates from {current.ConfirmedOn:yyyy-MM-dd}; it cannot change before.", "changedOn");
        return new FacilityConfirmationChanged(Id, changedOn, details, NextHistoryNumber);
    }

    /// <summary>確認の取消 from a day (取消日) with its reason.</summary>
    public FacilityConfirmationRevoked RevokeConfirmation(DateOnly revokedOn, string reason)
    {
        var current = CurrentConfirmation();
        if (revokedOn < current.ConfirmedOn)
            throw new DomainRuleException("facility.confirmation-date", $"The 確認 of {Name} dates from {current.ConfirmedOn:yyyy-MM-dd}; it cannot be revoked before.", "revokedOn");
        return new FacilityConfirmationRevoked(Id, revokedOn, reason, NextHistoryNumber);
    }

    /// <summary>Whether the facility holds a 確認 on the day (only then may it receive 給付費).</summary>
    public bool IsConfirmedOn(DateOnly day) => (Confirmations ?? []).Any(c => c.CoversDay(day));

    private Confirmation CurrentConfirmation() =>
        Confirmations is [.., { RevokedOn: null } latest]
            ? latest
            : throw new DomainRuleException("facility.not-confirmed", $"{Name} holds no 確認 to change or revoke.");

    // --- 分園 -----------------------------------------------------------------------------------------------

    /// <summary>分園 from a date, numbered in the order registered; two 分園 of a facility do not share a name.</summary>
    public BranchRegistered RegisterBranch(string name, Address address, DateOnly from)
    {
        if ((Branches ?? []).Any(b => string.Equals(b.Name, name, StringComparison.Ordinal)))
            throw new DomainRuleException("facility.branch-duplicate", $"{Name} already has a 分園 named {name}.", "name");
        RequireOpen(from, "from");
        return new BranchRegistered(Id, new Branch((Branches?.Count ?? 0) + 1, name, address, from), NextHistoryNumber);
    }

    // --- 開所日 ---------------------------------------------------------------------------------------------

    /// <summary>
    /// 開所日・開所時間 from a date. Open for less than the 保育標準時間 (11 hours) is 時短, and must say so: the 公定価格 then
    /// applies its 開所時間 減算.
    /// </summary>
    public OpeningScheduleChanged ChangeOpeningSchedule(OpeningSchedule schedule, DateOnly effectiveFrom)
    {
        if (schedule.Days.Count == 0 || schedule.Days.Any(d => !Enum.IsDefined(d)))
            throw new DomainRuleException("facility.opening-days", "開所曜日 are one or more days of the week.", "days");
        if (schedule.Closes <= schedule.Opens)
            throw new DomainRuleException("facility.opening-hours", $"閉所時刻 {schedule.Closes:HH:mm} must come after 開所時刻 {schedule.Opens:HH:mm}.", "closes");
        if (schedule.Closes - schedule.Opens < OpeningSchedule.StandardHours && !schedule.ShortHours)
            throw new DomainRuleException("facility.short-hours",
                $"Open {(schedule.Closes - schedule.Opens).TotalHours:0.##} hours, less than the 保育標準時間 of 11: mark it 時短 (shortHours).", "shortHours");
        RequireOpen(effectiveFrom, "effectiveFrom");
        // Monday first, each day once.
        var days = schedule.Days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
        return new OpeningScheduleChanged(Id, schedule with { Days = days }, effectiveFrom, NextHistoryNumber);
    }

    /// <summary>The 開所日・開所時間 in force on the day (null before the first recorded).</summary>
    public OpeningSchedule? OpeningScheduleOn(DateOnly day) => EffectiveDated.On(OpeningSchedules, day)?.Schedule;

    // --- 事業所口座 -----------------------------------------------------------------------------------------

    /// <summary>
    /// 事業所口座 from <paramref name="from"/> (to <paramref name="to"/>, open-ended when null): the first one, or a change. An
    /// account in force on <paramref name="from"/> ends the day before; one recorded from that day on is replaced.
    /// </summary>
    public object RegisterBankAccount(BankAccount account, DateOnly from, DateOnly? to, string? reason)
    {
        if (to < from) throw new DomainRuleException("facility.account-period", "適用終了年月日 cannot be before 適用開始年月日.", "to");
        RequireOpen(from, "from");
        return BankAccounts is null or []
            ? new FacilityBankAccountRegistered(Id, account, from, to, NextHistoryNumber)
            : new FacilityBankAccountChanged(Id, account, from, to, reason, NextHistoryNumber);
    }

    /// <summary>The 事業所口座 in force on the day, with its period (null when none is).</summary>
    public FacilityBankAccountPeriod? BankAccountOn(DateOnly day) => (BankAccounts ?? []).LastOrDefault(a => a.CoversDay(day));

    // --- 指導監査 -------------------------------------------------------------------------------------------

    /// <summary>指導監査: a 検査 has no 期限; a 勧告 or 命令 has one, not before its date.</summary>
    public FacilityInspectionRecorded RecordInspection(Inspection inspection)
    {
        if (!Enum.IsDefined(inspection.Kind))
            throw new DomainRuleException("facility.inspection-kind", "指導監査 is inspection (検査), recommendation (勧告) or order (命令).", "kind");
        switch (inspection)
        {
            case { Kind: InspectionKind.Inspection, DueDate: not null }:
                throw new DomainRuleException("facility.inspection-due-date", "A 検査 has no 期限; only a 勧告 or 命令 does.", "dueDate");
            case { Kind: not InspectionKind.Inspection, DueDate: null }:
                throw new DomainRuleException("facility.inspection-due-date", "A 勧告 or 命令 states its 期限 (dueDate).", "dueDate");
            case { DueDate: { } due } when due < inspection.Date:
                throw new DomainRuleException("facility.inspection-due-date", $"The 期限 {due:yyyy-MM-dd} is before the {inspection.Kind} of {inspection.Date:yyyy-MM-dd}.", "dueDate");
        }
        return new FacilityInspectionRecorded(Id, inspection, NextHistoryNumber);
    }
}

/// <summary>Which 施設類型 (公定価格) fit which 施設・事業所の種類 (利用調整).</summary>
public static class FacilityKinds
{
    /// <summary>
    /// The 施設類型 a facility of the kind may have. 居宅訪問型 is kept with 家庭的保育 (both 0–2歳, at home; 利用調整 has no kind of
    /// its own for it); 新制度幼稚園 fits none, as 利用調整 has no 幼稚園.
    /// </summary>
    public static IReadOnlyList<FacilityCategory> CategoriesOf(FacilityKind kind) => kind switch
    {
        FacilityKind.NurserySchool => [FacilityCategory.PrivateNursery, FacilityCategory.PublicNursery],
        FacilityKind.CertifiedChildCenter => [FacilityCategory.IntegratedCenter, FacilityCategory.NurseryTypeCenter, FacilityCategory.KindergartenTypeCenter,
            FacilityCategory.LocalDiscretionCenter],
        FacilityKind.SmallScale => [FacilityCategory.SmallScaleA, FacilityCategory.SmallScaleB, FacilityCategory.SmallScaleC],
        FacilityKind.FamilyDayCare => [FacilityCategory.FamilyDayCare, FacilityCategory.HomeVisit],
        FacilityKind.WorkplaceNursery => [FacilityCategory.WorkplaceNursery],
        _ => [],
    };

    public static bool Allows(FacilityKind kind, FacilityCategory category) => CategoriesOf(kind).Contains(category);
}
