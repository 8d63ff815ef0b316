using KosodateShien.Application.Certification;
using KosodateShien.Application.Charges;
using KosodateShien.Domain.Collection;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Collection;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>Raising 調定: the 徴収番号, and the monthly 調定 from the contracts side's fee notices.</summary>
public static class ChargeAssessments
{
    /// <summary>徴収番号: C, the 賦課年度 and a running number.</summary>
    public static async Task<string> NextCollectionNumberAsync(this IQuerySession session, int fiscalYear, CancellationToken ct) =>
        $"C{fiscalYear:D4}{await session.NextAsync(CollectionStoreConfiguration.CollectionNumberSequence, ct):D7}";
}

/// <summary>
/// The monthly 調定 from a fee notice (賦課通知): the first revision of a payer × month × 科目 raises the charge with the
/// 納期限 the collection rules give its 科目; a later revision corrects it (更正) to the notice's amount. A revision already
/// followed is ignored, so a re-run or a redelivered message creates nothing twice.
/// </summary>
public static class ChargeReadyForCollectionHandler
{
    public static async Task<IEnumerable<SettleOverpayments>> Handle(ChargeReadyForCollection message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var subject = CollectionSubjects.From(message.Subject);
        var id = Charge.IdFor(message.PayerId, JapaneseDates.FiscalYearOf(message.Month), message.Month, subject);
        var stream = await session.Events.FetchForWriting<Charge>(id, ct);
        var today = clock.TodayJst();
        if (stream.Aggregate is not { } charge)
        {
            if (message.Amount == 0) return [];
            var rules = await session.CollectionRulesInForceAsync(message.Month, ct);
            var number = await session.NextCollectionNumberAsync(JapaneseDates.FiscalYearOf(message.Month), ct);
            stream.AppendOne(Charge.Assess(number, message.PayerId, message.HouseholdId, subject, message.Month, message.Amount, rules.DueDateFor(subject, message.Month),
                today, new ChargeSource(message.NoticeId, message.Revision), rules.Version));
            return [];
        }
        if (message.Revision <= charge.NoticeRevision || charge.CancelledOn is not null) return [];
        var correctedOn = today < charge.AssessedOn ? charge.AssessedOn : today;
        if (charge.Correct(message.Amount, correctedOn, $"賦課通知の更正 (第{message.Revision}版)", message.Revision) is not { } corrected) return [];
        stream.AppendOne(corrected);
        return OverpaymentFollowUp.For(Charge.Evolve(charge, corrected)!);
    }
}
