using KosodateShien.Domain.Common;
namespace KosodateShien.Domain.Collection.DirectDebit;

/// <summary>A charge drawn in a 振替依頼 line: the charge, its 徴収番号 and the part of the line's 引落金額 that is its.</summary>
public sealed record DebitedCharge(Guid ChargeId, string CollectionNumber, long Amount);

/// <summary>
/// One データレコード of a 振替依頼: the file line it is on (the header is line 1), the 口座振替 and account drawn, 引落金額
/// (the charges' 未納額 added up), 新規コード and 顧客番号.
/// </summary>
public sealed record DebitLine(int Line, Guid MandateId, [property: DataSubject] Guid PayerId, string CustomerNumber, BankAccount Account, long Amount, int NewCode, IReadOnlyList<DebitedCharge> Charges);

/// <summary>
/// 口座振替依頼データ作成: the request file for a 振替日 was made; it is written from this event, byte for byte
/// (<paramref name="Sha256"/> is the file's hash).
/// </summary>
/// <param name="DebitDate">振替日 (引落日)</param>
/// <param name="Count">合計件数</param>
/// <param name="Amount">合計金額</param>
public sealed record DirectDebitRequested(Guid ExportId, DateOnly DebitDate, DebitConsignor Consignor, DateOnly CreatedOn, IReadOnlyList<DebitLine> Lines, int Count, long Amount,
    string Sha256);

/// <summary>The bank's answer for one line: 振替結果コード.</summary>
public sealed record DebitLineResult(int Line, string CustomerNumber, long Amount, DebitResultCode Code);

/// <summary>
/// 振替結果の取込: the bank's result file for the request was taken in (<paramref name="Sha256"/> of the file): 振替済 lines
/// became payments (収納, 日計日 <paramref name="BookedOn"/>), the others 振替不能 with their 不能事由.
/// </summary>
public sealed record DirectDebitResultsImported(Guid ExportId, DateOnly ImportedOn, DateOnly BookedOn, string Sha256, int DebitedCount, long DebitedAmount, int FailedCount,
    long FailedAmount, IReadOnlyList<DebitLineResult> Results);

/// <summary>On a charge: 振替不能. The charge stays unpaid; it is drawn again (再振替) or paid by 納付書.</summary>
/// <param name="Reason">不能事由</param>
public sealed record DirectDebitFailed(Guid ChargeId, Guid ExportId, DateOnly DebitDate, DebitResultCode ResultCode, string Reason, long Amount);
