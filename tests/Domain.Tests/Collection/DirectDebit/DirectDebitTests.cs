namespace KosodateShien.Domain.Tests.Collection.DirectDebit;

using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;

/// <summary>口座振替: which months a 依頼書 draws, the 振替依頼 for a 振替日, and the bank's answer matched line by line.</summary>
public class DirectDebitTests
{
    private static readonly DateOnly April = new(2027, 4, 1);
    private static readonly DateOnly DebitDate = new(2027, 4, 30);

    private static DirectDebitMandate Mandate(int n, DateOnly? start = null, params object[] later)
    {
        var account = BankAccount.Of("0005", "123", AccountType.Ordinary, $"{n}", "ホゴシャ　イチロウ");
        var registered = DirectDebitMandate.Register(Guid.NewGuid(), $"{n:D20}", new DateOnly(2027, 3, 10), start ?? April, null, account);
        return new object[] { registered }.Concat(later.Select(e => e is Func<Guid, object> f ? f(registered.MandateId) : e)).Aggregate((DirectDebitMandate?)null, DirectDebitMandate.Evolve)!;
    }

    private static DebitCandidate Charge(DirectDebitMandate mandate, long outstanding, string number, DateOnly? month = null) =>
        new(Guid.NewGuid(), number, mandate.PayerId, month ?? April, Domain.Collection.CollectionSubject.UserFee, outstanding);

    [Fact]
    public void a_mandate_draws_from_its_start_month_except_while_paused_and_not_after_it_ends()
    {
        var mandate = Mandate(1);
        mandate.Draws(April.AddMonths(-1)).ShouldBeFalse();
        mandate.Draws(April).ShouldBeTrue();

        var paused = DirectDebitMandate.Evolve(mandate, mandate.Pause(new DateOnly(2027, 6, 1), new DateOnly(2027, 7, 1), new DateOnly(2027, 5, 20), "一時停止の申出"))!;
        paused.Draws(new DateOnly(2027, 5, 1)).ShouldBeTrue();
        paused.Draws(new DateOnly(2027, 6, 1)).ShouldBeFalse();
        paused.Draws(new DateOnly(2027, 7, 1)).ShouldBeFalse();
        paused.Draws(new DateOnly(2027, 8, 1)).ShouldBeTrue();

        var open = DirectDebitMandate.Evolve(mandate, mandate.Pause(new DateOnly(2027, 6, 1), null, new DateOnly(2027, 5, 20), "一時停止"))!;
        open.Draws(new DateOnly(2028, 3, 1)).ShouldBeFalse();
        var resumed = DirectDebitMandate.Evolve(open, open.Resume(new DateOnly(2027, 9, 1), new DateOnly(2027, 8, 25)))!;
        resumed.Draws(new DateOnly(2027, 8, 1)).ShouldBeFalse();
        resumed.Draws(new DateOnly(2027, 9, 1)).ShouldBeTrue();

        var ended = DirectDebitMandate.Evolve(mandate, mandate.End(new DateOnly(2027, 9, 1), new DateOnly(2027, 9, 10), "口座変更"))!;
        ended.Draws(new DateOnly(2027, 9, 1)).ShouldBeTrue();
        ended.Draws(new DateOnly(2027, 10, 1)).ShouldBeFalse();
        Should.Throw<DomainRuleException>(() => ended.Pause(new DateOnly(2027, 10, 1), null, new DateOnly(2027, 9, 11), "x")).Rule.ShouldBe("mandate.ended");
    }

    [Fact]
    public void an_account_that_cannot_be_written_in_a_bank_file_is_refused_by_field()
    {
        Should.Throw<DomainRuleException>(() => BankAccount.Of("005", "123", AccountType.Ordinary, "1", "ヤマダ")).Field.ShouldBe("account.bankCode");
        Should.Throw<DomainRuleException>(() => BankAccount.Of("0005", "123", AccountType.Ordinary, "12345678", "ヤマダ")).Field.ShouldBe("account.number");
        Should.Throw<DomainRuleException>(() => BankAccount.Of("0005", "123", AccountType.Ordinary, "1", "山田")).Field.ShouldBe("account.holderKana");
        Should.Throw<DomainRuleException>(() => BankAccount.Of("0005", "123", AccountType.Ordinary, "1", new string('ガ', 16))).Message.ShouldContain("32");
    }

    [Fact]
    public void the_request_adds_up_each_payers_unpaid_charges_into_one_line_per_mandate()
    {
        var (first, second) = (Mandate(2), Mandate(1, April.AddMonths(-1)));
        var requested = DirectDebitExport.Request(DebitDate, DebitFileTests.Consignor, new DateOnly(2027, 4, 20),
        [
            (first, [Charge(first, 30_000, "C20270000002"), Charge(first, 4_500, "C20270000001"), Charge(first, 0, "C20270000009")]),
            (second, [Charge(second, 12_000, "C20270000003", April.AddMonths(-1)), Charge(second, 20_000, "C20270000004")]),
        ]);

        requested.Lines.Select(l => (l.Line, l.CustomerNumber, l.Amount, l.NewCode)).ShouldBe(
            [(2, $"{1:D20}", 32_000L, 0), (3, $"{2:D20}", 34_500L, 1)]);
        requested.Lines[1].Charges.Select(c => c.CollectionNumber).ShouldBe(["C20270000001", "C20270000002"]);
        (requested.Count, requested.Amount).ShouldBe((2, 66_500L));
        DirectDebitExport.Hash(DirectDebitExport.File(requested).ToBytes()).ShouldBe(requested.Sha256);
        DirectDebitExport.Evolve(null, requested)!.Sha256.ShouldBe(requested.Sha256);
    }

    [Fact]
    public void the_banks_answer_becomes_one_outcome_per_charge_and_is_taken_once()
    {
        var (first, second) = (Mandate(1), Mandate(2));
        var request = DirectDebitExport.Request(DebitDate, DebitFileTests.Consignor, new DateOnly(2027, 4, 20),
            [(first, [Charge(first, 30_000, "C1"), Charge(first, 4_500, "C2")]), (second, [Charge(second, 20_000, "C3")])]);
        var export = DirectDebitExport.Evolve(null, request)!;
        var answer = DirectDebitExport.File(request) with { WithResults = true };
        answer = answer with { Records = [answer.Records[0], answer.Records[1] with { ResultCode = DebitResultCode.InsufficientFunds }] };

        var (imported, outcomes) = export.ImportResults(request, DebitFile.Parse(answer.ToBytes()), "hash", new DateOnly(2027, 5, 6), new DateOnly(2027, 5, 2));

        (imported.DebitedCount, imported.DebitedAmount, imported.FailedCount, imported.FailedAmount).ShouldBe((1, 34_500L, 1, 20_000L));
        outcomes.Select(o => (o.Charge.CollectionNumber, o.Charge.Amount, o.Code)).ShouldBe(
            [("C1", 30_000L, DebitResultCode.Debited), ("C2", 4_500L, DebitResultCode.Debited), ("C3", 20_000L, DebitResultCode.InsufficientFunds)]);
        var done = DirectDebitExport.Evolve(export, imported)!;
        Should.Throw<DomainRuleException>(() => done.ImportResults(request, DebitFile.Parse(answer.ToBytes()), "hash", new DateOnly(2027, 5, 7), new DateOnly(2027, 5, 7)))
            .Rule.ShouldBe("direct-debit.results-imported");
    }

    [Fact]
    public void an_answer_that_does_not_match_the_request_is_refused_with_the_lines_at_fault()
    {
        var (first, second) = (Mandate(1), Mandate(2));
        var request = DirectDebitExport.Request(DebitDate, DebitFileTests.Consignor, new DateOnly(2027, 4, 20),
            [(first, [Charge(first, 30_000, "C1")]), (second, [Charge(second, 20_000, "C3")])]);
        var export = DirectDebitExport.Evolve(null, request)!;
        var answer = DirectDebitExport.File(request) with { WithResults = true, DebitDay = 28 };
        // 29,000 answered for 30,000 requested; the second 顧客番号 not answered at all.
        answer = answer with { Records = [answer.Records[0] with { Amount = 29_000 }] };

        var error = Should.Throw<MalformedFileException>(() => export.ImportResults(request, DebitFile.Parse(answer.ToBytes()), "h", DebitDate, DebitDate));

        error.Errors.Select(e => (e.Line, e.Field)).ShouldBe(
            [(1, "debitDate (引落日)"), (2, "amount (引落金額)"), (3, "customerNumber (顧客番号)")]);
    }
}
