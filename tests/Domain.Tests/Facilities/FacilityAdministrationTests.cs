namespace KosodateShien.Domain.Tests.Facilities;

using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

/// <summary>
/// 事業者管理 (issue 14 item 1): given a facility's events folded with <see cref="Facility.Evolve"/>, when a decision method,
/// then the event (with the next 事業所履歴番号) and the state it evolves into. Dummy data only.
/// </summary>
public class FacilityAdministrationTests
{
    private static readonly Guid Id = Guid.Parse("f0000000-0000-0000-0000-000000000002");
    private static readonly DateOnly April2027 = new(2027, 4, 1);
    private static readonly FacilityOperator Operator = new("社会福祉法人テスト会", "シャカイフクシホウジン テストカイ", "7123456789012", new Representative("理事長", "試験 太郎"));
    private static readonly BankAccount Account = BankAccount.Of("0005", "123", AccountType.Ordinary, "1234567", "ｼﾔｶｲﾌｸｼﾎｳｼﾞﾝ ﾃｽﾄｶｲ");
    private static readonly BankAccount OtherAccount = BankAccount.Of("0009", "456", AccountType.Current, "7654321", "ﾌｸ)ﾃｽﾄｶｲ");
    private static readonly OpeningSchedule WeekdaysAndSaturday =
        new([DayOfWeek.Saturday, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Monday],
            new TimeOnly(7, 0), new TimeOnly(19, 0), ShortHours: false, ExtendedCare: true);

    private static Facility Registered(FacilityKind kind = FacilityKind.NurserySchool) =>
        Facility.Evolve(null, Facility.Register(Id, "1310400002", "テスト保育園", kind, new Address("160-0022", "東京都新宿区テスト町1-1"), new DateOnly(2015, 4, 1),
            kind is FacilityKind.SmallScale or FacilityKind.FamilyDayCare ? new SeatsByAgeClass(3, 6, 6, 0, 0, 0) : new SeatsByAgeClass(6, 10, 10, 15, 15, 15)))!;

    private static Facility Then(Facility given, params object[] events) => events.Aggregate((Facility?)given, Facility.Evolve)!;

    [Fact]
    public void every_change_carries_the_next_history_number_and_the_snapshot_keeps_it()
    {
        var facility = Registered();
        facility.HistoryNumber.ShouldBe(1);

        var recorded = (FacilityOperatorRecorded)facility.RecordOperator(Operator, April2027, null);
        recorded.HistoryNumber.ShouldBe(2);
        facility = Then(facility, recorded);
        var assigned = facility.AssignCategory(FacilityCategory.PrivateNursery, April2027);
        ((FacilityCategoryAssigned)assigned).HistoryNumber.ShouldBe(3);
        facility = Then(facility, assigned);
        facility = Then(facility, facility.AssignRegionCategory(2027, RegionCategory.Percent20));
        facility = Then(facility, facility.ChangeUsageCapacity(new UsageCapacity(0, 45, 26), April2027));
        facility = Then(facility, facility.Confirm(new DateOnly(2015, 4, 1), ConfirmationBasis.Article31));
        facility = Then(facility, facility.RegisterBranch("テスト保育園分園", new Address("160-0023", "東京都新宿区テスト町2-2"), April2027));
        facility = Then(facility, facility.ChangeOpeningSchedule(WeekdaysAndSaturday, April2027));
        facility = Then(facility, facility.RegisterBankAccount(Account, April2027, null, null));
        var inspection = facility.RecordInspection(new Inspection(InspectionKind.Inspection, new DateOnly(2026, 11, 5), "実地検査 指摘なし", null));
        inspection.HistoryNumber.ShouldBe(10);
        facility = Then(facility, inspection);

        facility.HistoryNumber.ShouldBe(10);
        // 利用定員 by クラス年齢, 空き定員 and 終了 are no 事業者管理 change (利用調整 keeps them) and leave the number as it is.
        Then(facility, facility.ChangeCapacity(SeatsByAgeClass.None, April2027, "定員変更")).HistoryNumber.ShouldBe(10);
    }

    [Fact]
    public void a_snapshot_written_before_the_history_number_was_kept_reads_as_registered()
    {
        var legacy = Registered() with { HistoryNumber = 1, Operators = null, BankAccounts = null, Confirmations = null };

        legacy.OperatorOn(April2027).ShouldBeNull();
        legacy.IsConfirmedOn(April2027).ShouldBeFalse();
        legacy.BankAccountOn(April2027).ShouldBeNull();
        legacy.RecordOperator(Operator, April2027, null).ShouldBeOfType<FacilityOperatorRecorded>().HistoryNumber.ShouldBe(2);
    }

    // --- 事業者 ---

    [Theory]
    [InlineData("123456789012", 7)]
    [InlineData("000012050002", 7)] // 国税庁's own 法人番号 7000012050002, the published worked example of the formula
    [InlineData("000000000000", 9)]
    public void the_check_digit_of_a_corporate_number_is_nine_minus_the_weighted_sum_modulo_nine(string baseNumber, int checkDigit)
    {
        CorporateNumbers.CheckDigit(baseNumber).ShouldBe(checkDigit);
        CorporateNumbers.IsValid($"{checkDigit}{baseNumber}").ShouldBeTrue();
    }

    [Theory]
    [InlineData("1123456789012")]
    [InlineData("712345678901")]
    [InlineData("71234567890１2")]
    public void an_operator_with_a_corporate_number_that_does_not_check_is_refused(string number)
    {
        var error = ShouldBreakRule(() => Registered().RecordOperator(Operator with { CorporateNumber = number }, April2027, null), "facility.corporate-number");
        error.Field.ShouldBe("corporateNumber");
    }

    [Fact]
    public void the_operator_is_recorded_then_changed_and_each_holds_from_its_date()
    {
        var facility = Registered();
        facility = Then(facility, facility.RecordOperator(Operator, new DateOnly(2020, 4, 1), null));
        var newRepresentative = Operator with { Representative = new Representative("理事長", "試験 花子") };

        var changed = facility.RecordOperator(newRepresentative, new DateOnly(2027, 6, 1), "代表者交代").ShouldBeOfType<FacilityOperatorChanged>();
        facility = Then(facility, changed);

        changed.Reason.ShouldBe("代表者交代");
        facility.OperatorOn(new DateOnly(2027, 5, 31)).ShouldBe(Operator);
        facility.OperatorOn(new DateOnly(2027, 6, 1)).ShouldBe(newRepresentative);
        facility.OperatorOn(new DateOnly(2019, 1, 1)).ShouldBeNull();
    }

    // --- 施設類型 ---

    [Theory]
    [InlineData(FacilityKind.NurserySchool, FacilityCategory.SmallScaleA)]
    [InlineData(FacilityKind.NurserySchool, FacilityCategory.IntegratedCenter)]
    [InlineData(FacilityKind.SmallScale, FacilityCategory.PrivateNursery)]
    [InlineData(FacilityKind.CertifiedChildCenter, FacilityCategory.NewSystemKindergarten)]
    [InlineData(FacilityKind.WorkplaceNursery, FacilityCategory.SmallScaleB)]
    public void a_category_that_does_not_fit_the_kind_is_refused(FacilityKind kind, FacilityCategory category)
    {
        var facility = Registered(kind);
        ShouldBreakRule(() => facility.AssignCategory(category, April2027), "facility.category-kind").Field.ShouldBe("category");
    }

    [Fact]
    public void every_category_but_the_new_system_kindergarten_fits_exactly_one_kind()
    {
        foreach (var category in Enum.GetValues<FacilityCategory>())
            Enum.GetValues<FacilityKind>().Count(k => FacilityKinds.Allows(k, category)).ShouldBe(category == FacilityCategory.NewSystemKindergarten ? 0 : 1, category.ToString());
    }

    [Fact]
    public void the_category_is_assigned_then_changed_from_a_date_and_the_kind_stays()
    {
        var facility = Registered(FacilityKind.SmallScale);
        facility = Then(facility, facility.AssignCategory(FacilityCategory.SmallScaleB, new DateOnly(2020, 4, 1)).ShouldBeOfType<FacilityCategoryAssigned>());
        facility = Then(facility, facility.AssignCategory(FacilityCategory.SmallScaleA, April2027).ShouldBeOfType<FacilityCategoryChanged>());

        facility.CategoryOn(new DateOnly(2027, 3, 31)).ShouldBe(FacilityCategory.SmallScaleB);
        facility.CategoryOn(April2027).ShouldBe(FacilityCategory.SmallScaleA);
        facility.Kind.ShouldBe(FacilityKind.SmallScale);
    }

    // --- 地域区分 ---

    [Fact]
    public void the_region_category_of_a_month_is_the_one_of_its_fiscal_year()
    {
        var facility = Registered();
        facility = Then(facility, facility.AssignRegionCategory(2026, RegionCategory.Percent16), facility.AssignRegionCategory(2027, RegionCategory.Percent16));
        facility = Then(facility, facility.AssignRegionCategory(2027, RegionCategory.Percent20));

        facility.RegionCategoryFor(new DateOnly(2027, 3, 1)).ShouldBe(RegionCategory.Percent16, "March 2027 is in 年度2026");
        facility.RegionCategoryFor(April2027).ShouldBe(RegionCategory.Percent20, "a later one for the same 年度 replaces it");
        facility.RegionCategoryFor(new DateOnly(2028, 3, 1)).ShouldBe(RegionCategory.Percent20);
        facility.RegionCategoryFor(new DateOnly(2028, 4, 1)).ShouldBeNull("年度2028 has none yet");
        facility.RegionCategories!.Select(r => r.FiscalYear).ShouldBe([2026, 2027]);
    }

    [Fact]
    public void no_region_category_for_a_fiscal_year_after_the_facility_closed()
    {
        var facility = Registered();
        facility = Then(facility, facility.Close(new DateOnly(2027, 3, 31), "廃止"));
        ShouldBreakRule(() => facility.AssignRegionCategory(2027, RegionCategory.Percent20), "facility.closed").Field.ShouldBe("fiscalYear");
        facility.AssignRegionCategory(2026, RegionCategory.Percent20).FiscalYear.ShouldBe(2026);
    }

    // --- 利用定員 by 認定区分 ---

    [Fact]
    public void usage_capacity_by_certification_holds_from_its_date_apart_from_the_seats_by_class_age()
    {
        var facility = Registered(FacilityKind.CertifiedChildCenter);
        facility = Then(facility, facility.ChangeUsageCapacity(new UsageCapacity(30, 45, 26), new DateOnly(2020, 4, 1)));
        facility = Then(facility, facility.ChangeUsageCapacity(new UsageCapacity(25, 50, 26), April2027));

        facility.UsageCapacityOn(new DateOnly(2027, 3, 31)).ShouldBe(new UsageCapacity(30, 45, 26));
        var april = facility.UsageCapacityOn(April2027)!;
        april.Certification1.ShouldBe(25);
        april.Certification2And3.ShouldBe(76, "a こども園 looks up its 2・3号 定員区分 with 2号 + 3号");
        facility.Capacity.ShouldBe(Registered(FacilityKind.CertifiedChildCenter).Capacity);
    }

    [Theory]
    [InlineData(FacilityKind.NurserySchool, 10, 20, 10, "capacity.certification1")]
    [InlineData(FacilityKind.SmallScale, 0, 3, 16, "capacity.certification2")]
    [InlineData(FacilityKind.FamilyDayCare, 1, 0, 5, "capacity.certification1")]
    public void usage_capacity_by_certification_fits_the_kind(FacilityKind kind, int first, int second, int third, string field)
    {
        var error = ShouldBreakRule(() => Registered(kind).ChangeUsageCapacity(new UsageCapacity(first, second, third), April2027), "facility.usage-capacity-certification");
        error.Field.ShouldBe(field);
    }

    [Fact]
    public void an_empty_or_negative_usage_capacity_is_refused()
    {
        ShouldBreakRule(() => Registered().ChangeUsageCapacity(new UsageCapacity(0, 0, 0), April2027), "facility.usage-capacity-empty");
        ShouldBreakRule(() => Registered().ChangeUsageCapacity(new UsageCapacity(0, -1, 5), April2027), "facility.usage-capacity-range").Field.ShouldBe("capacity.certification2");
    }

    // --- 確認 ---

    [Fact]
    public void a_facility_is_confirmed_from_its_confirmation_until_the_day_before_the_revocation()
    {
        var facility = Registered();
        facility.IsConfirmedOn(April2027).ShouldBeFalse();
        facility = Then(facility, facility.Confirm(new DateOnly(2015, 4, 1), ConfirmationBasis.Article31));
        facility = Then(facility, facility.ChangeConfirmation(new DateOnly(2020, 4, 1), "利用定員の変更"));
        facility = Then(facility, facility.RevokeConfirmation(new DateOnly(2027, 10, 1), "指導監査による命令違反"));

        facility.IsConfirmedOn(new DateOnly(2015, 3, 31)).ShouldBeFalse();
        facility.IsConfirmedOn(new DateOnly(2015, 4, 1)).ShouldBeTrue();
        facility.IsConfirmedOn(new DateOnly(2027, 9, 30)).ShouldBeTrue();
        facility.IsConfirmedOn(new DateOnly(2027, 10, 1)).ShouldBeFalse();
        var confirmation = facility.Confirmations!.ShouldHaveSingleItem();
        confirmation.Changes.ShouldBe([new ConfirmationChange(new DateOnly(2020, 4, 1), "利用定員の変更")]);
        confirmation.RevocationReason.ShouldBe("指導監査による命令違反");

        // A new 確認 after the 取消, not before it.
        ShouldBreakRule(() => facility.Confirm(new DateOnly(2027, 9, 1), ConfirmationBasis.Article31), "facility.confirmed-before-revocation");
        facility = Then(facility, facility.Confirm(new DateOnly(2028, 4, 1), ConfirmationBasis.Article31));
        facility.IsConfirmedOn(new DateOnly(2028, 1, 1)).ShouldBeFalse();
        facility.IsConfirmedOn(new DateOnly(2028, 4, 1)).ShouldBeTrue();
    }

    [Fact]
    public void confirmation_rules()
    {
        ShouldBreakRule(() => Registered(FacilityKind.SmallScale).Confirm(April2027, ConfirmationBasis.Article31), "facility.confirmation-basis").Field.ShouldBe("basis");
        ShouldBreakRule(() => Registered().Confirm(April2027, ConfirmationBasis.Article43), "facility.confirmation-basis");
        Registered(FacilityKind.WorkplaceNursery).Confirm(April2027, ConfirmationBasis.Article43).Basis.ShouldBe(ConfirmationBasis.Article43);
        ShouldBreakRule(() => Registered().ChangeConfirmation(April2027, "変更"), "facility.not-confirmed");
        ShouldBreakRule(() => Registered().RevokeConfirmation(April2027, "取消"), "facility.not-confirmed");

        var confirmed = Then(Registered(), Registered().Confirm(April2027, ConfirmationBasis.Article31));
        ShouldBreakRule(() => confirmed.Confirm(new DateOnly(2028, 4, 1), ConfirmationBasis.Article31), "facility.already-confirmed");
        ShouldBreakRule(() => confirmed.RevokeConfirmation(new DateOnly(2027, 3, 31), "取消"), "facility.confirmation-date").Field.ShouldBe("revokedOn");
        ShouldBreakRule(() => confirmed.ChangeConfirmation(new DateOnly(2027, 3, 31), "変更"), "facility.confirmation-date").Field.ShouldBe("changedOn");
    }

    // --- 分園 ---

    [Fact]
    public void branches_are_numbered_in_the_order_registered_and_do_not_share_a_name()
    {
        var facility = Registered();
        facility = Then(facility, facility.RegisterBranch("第一分園", new Address("160-0023", "東京都新宿区テスト町2-2"), April2027));
        facility = Then(facility, facility.RegisterBranch("第二分園", new Address("160-0024", "東京都新宿区テスト町3-3"), new DateOnly(2027, 10, 1)));

        facility.Branches!.Select(b => (b.Number, b.Name)).ShouldBe([(1, "第一分園"), (2, "第二分園")]);
        ShouldBreakRule(() => facility.RegisterBranch("第一分園", new Address("160-0025", "東京都新宿区テスト町4-4"), April2027), "facility.branch-duplicate");
    }

    // --- 開所日 ---

    [Fact]
    public void the_opening_schedule_keeps_each_day_once_monday_first_from_its_date()
    {
        var facility = Registered();
        var changed = facility.ChangeOpeningSchedule(WeekdaysAndSaturday, April2027);
        facility = Then(facility, changed);

        changed.Schedule.Days.ShouldBe([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday]);
        facility.OpeningScheduleOn(April2027)!.ExtendedCare.ShouldBeTrue();
        facility.OpeningScheduleOn(new DateOnly(2027, 3, 31)).ShouldBeNull();
    }

    [Fact]
    public void open_less_than_eleven_hours_is_short_hours_and_must_say_so()
    {
        var tenHours = WeekdaysAndSaturday with { Opens = new TimeOnly(8, 0), Closes = new TimeOnly(18, 0) };
        ShouldBreakRule(() => Registered().ChangeOpeningSchedule(tenHours, April2027), "facility.short-hours").Field.ShouldBe("shortHours");
        Registered().ChangeOpeningSchedule(tenHours with { ShortHours = true }, April2027).Schedule.ShortHours.ShouldBeTrue();
        ShouldBreakRule(() => Registered().ChangeOpeningSchedule(tenHours with { Closes = new TimeOnly(8, 0) }, April2027), "facility.opening-hours").Field.ShouldBe("closes");
        ShouldBreakRule(() => Registered().ChangeOpeningSchedule(tenHours with { Days = [] }, April2027), "facility.opening-days");
    }

    // --- 事業所口座 ---

    [Fact]
    public void the_account_in_force_is_found_by_date_and_a_change_ends_the_one_before()
    {
        var facility = Registered();
        facility = Then(facility, facility.RegisterBankAccount(Account, new DateOnly(2020, 4, 1), null, null).ShouldBeOfType<FacilityBankAccountRegistered>());
        var changed = facility.RegisterBankAccount(OtherAccount, April2027, new DateOnly(2028, 3, 31), "金融機関の変更").ShouldBeOfType<FacilityBankAccountChanged>();
        facility = Then(facility, changed);

        facility.BankAccountOn(new DateOnly(2020, 3, 31)).ShouldBeNull();
        facility.BankAccountOn(new DateOnly(2027, 3, 31))!.Account.ShouldBe(Account);
        facility.BankAccountOn(new DateOnly(2027, 3, 31))!.To.ShouldBe(new DateOnly(2027, 3, 31));
        facility.BankAccountOn(April2027)!.Account.ShouldBe(OtherAccount);
        facility.BankAccountOn(new DateOnly(2028, 4, 1)).ShouldBeNull("the second account ends with 年度2027");
        facility.BankAccounts!.ShouldAllBe(a => a.FacilityId == Id);
    }

    [Fact]
    public void an_account_that_ends_before_it_starts_is_refused()
    {
        ShouldBreakRule(() => Registered().RegisterBankAccount(Account, April2027, new DateOnly(2027, 3, 31), null), "facility.account-period").Field.ShouldBe("to");
    }

    // --- 指導監査 ---

    [Fact]
    public void a_recommendation_or_order_has_a_due_date_and_an_inspection_has_none()
    {
        var on = new DateOnly(2026, 11, 5);
        ShouldBreakRule(() => Registered().RecordInspection(new Inspection(InspectionKind.Recommendation, on, "職員配置の改善", null)), "facility.inspection-due-date")
            .Field.ShouldBe("dueDate");
        ShouldBreakRule(() => Registered().RecordInspection(new Inspection(InspectionKind.Order, on, "改善命令", on.AddDays(-1))), "facility.inspection-due-date");
        ShouldBreakRule(() => Registered().RecordInspection(new Inspection(InspectionKind.Inspection, on, "実地検査", on.AddDays(30))), "facility.inspection-due-date");

        var facility = Registered();
        facility = Then(facility, facility.RecordInspection(new Inspection(InspectionKind.Recommendation, on, "職員配置の改善", new DateOnly(2027, 1, 31))));
        facility.Inspections.ShouldHaveSingleItem().DueDate.ShouldBe(new DateOnly(2027, 1, 31));
    }

    [Fact]
    public void nothing_is_recorded_from_a_date_after_the_facility_closed()
    {
        var facility = Registered();
        facility = Then(facility, facility.Close(new DateOnly(2027, 3, 31), "廃止"));

        ShouldBreakRule(() => facility.RecordOperator(Operator, April2027, null), "facility.closed").Field.ShouldBe("effectiveFrom");
        ShouldBreakRule(() => facility.AssignCategory(FacilityCategory.PrivateNursery, April2027), "facility.closed");
        ShouldBreakRule(() => facility.RegisterBankAccount(Account, April2027, null, null), "facility.closed").Field.ShouldBe("from");
        ShouldBreakRule(() => facility.ChangeOpeningSchedule(WeekdaysAndSaturday, April2027), "facility.closed");
    }
}
