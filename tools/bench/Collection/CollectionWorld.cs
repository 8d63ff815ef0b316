using KosodateShien.Application.Charges;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Charges;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Bench.Collection;

/// <summary>
/// A synthetic month for the collection benchmark: households of 1–3 children at nursery, each child 0–2 years old
/// (利用者負担額 by 階層, some 0) or 3–5 (無償化: 副食費 only), the fee output of the contracts side as it reaches
/// collection (<see cref="ChargeReadyForCollection"/>, one per payer × 科目), and 口座振替依頼書 for the first
/// <c>mandates</c> payers with accounts in 全銀 characters. Deterministic for a seed.
/// </summary>
public sealed class CollectionWorld
{
    // 国の基準額 steps for 3号 (0–2歳) a month, and 0 for 生活保護・非課税.
    private static readonly long[] UserFees = [0, 0, 9_000, 19_500, 30_000, 44_500, 61_000, 80_000, 104_000];
    private const long SideDishFee = 4_500;
    private static readonly string[] Banks = ["0001", "0005", "0009", "0010", "0017", "0033", "0036", "0310", "1345", "9900"];

    public required DateOnly Month { get; init; }
    public required IReadOnlyList<ChargeReadyForCollection> Messages { get; init; }
    public required IReadOnlyList<DirectDebitMandateRegistered> Mandates { get; init; }
    public required int Children { get; init; }
    public required int Payers { get; init; }

    public long Amount => Messages.Sum(m => m.Amount);

    public static CollectionWorld Generate(int children, int mandates, int seed, DateOnly month)
    {
        var random = new Random(seed);
        Guid NextId() => new(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());
        var messages = new List<ChargeReadyForCollection>();
        var registered = new List<DirectDebitMandateRegistered>();
        int placed = 0, payers = 0;
        while (placed < children)
        {
            var count = Math.Min(children - placed, random.NextDouble() switch { < 0.62 => 1, < 0.93 => 2, _ => 3 });
            placed += count;
            var (payer, household) = (NextId(), NextId());
            payers++;
            long userFee = 0, sideDish = 0;
            var step = random.Next(UserFees.Length);
            for (var c = 0; c < count; c++)
            {
                // Siblings: the second child pays half, the third nothing (多子軽減).
                if (random.NextDouble() < 0.4) userFee += c switch { 0 => UserFees[step], 1 => UserFees[step] / 2, _ => 0 };
                else sideDish += SideDishFee;
            }
            if (userFee > 0) messages.Add(Message(payer, household, month, ChargeSubject.UserFee, userFee));
            if (sideDish > 0) messages.Add(Message(payer, household, month, ChargeSubject.SideDishFee, sideDish));
            if (registered.Count < mandates && (userFee > 0 || sideDish > 0)) registered.Add(Mandate(random, payer, registered.Count + 1, month));
        }
        return new CollectionWorld { Month = month, Messages = messages, Mandates = registered, Children = placed, Payers = payers };
    }

    private static ChargeReadyForCollection Message(Guid payer, Guid household, DateOnly month, ChargeSubject subject, long amount) =>
        new(ChargeNotice.IdFor(payer, month, subject), 1, payer, household, month, subject, amount, null);

    private static DirectDebitMandateRegistered Mandate(Random random, Guid payer, int number, DateOnly month)
    {
        var surname = JapaneseNames.Surnames[random.Next(JapaneseNames.Surnames.Count)];
        var given = JapaneseNames.ParentGivenNames(random.Next(2) == 0 ? Sex.Female : Sex.Male);
        var (_, kana) = JapaneseNames.FullName(surname, given[random.Next(given.Count)]);
        var account = BankAccount.Of(Banks[random.Next(Banks.Length)], $"{random.Next(1, 999):D3}", AccountType.Ordinary, $"{random.Next(1, 9_999_999)}", kana);
        return DirectDebitMandate.Register(payer, $"{number:D20}", month.AddMonths(-2).AddDays(9), month.AddMonths(-1), null, account);
    }
}
