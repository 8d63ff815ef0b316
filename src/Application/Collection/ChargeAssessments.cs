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
        CollectionNumber(fiscalYear, await session.NextAsync(CollectionStoreConfiguration.CollectionNumberSequence, ct));

    private static string CollectionNumber(int fiscalYear, long running) => $"C{fiscalYear:D4}{running:D7}";

    /// <summary>
    /// The 調定 from fee notices (賦課通知): the first revision of a payer × month × 科目 raises the charge with the 納期限 the
    /// collection rules give its 科目; a later revision corrects it (更正) to the notice's amount. A revision already followed
    /// is ignored, so a re-run or a redelivered message creates nothing twice. Charges are written at the version read (a
    /// new one must not exist yet), so a writer that got there first makes the whole batch run again. A 更正 that leaves a
    /// 過誤納 has it applied (充当) or refunded (還付) in the same transaction.
    /// </summary>
    public static async Task AssessAsync(IDocumentSession session, IReadOnlyList<ChargeReadyForCollection> notices, DateOnly today, CancellationToken ct)
    {
        // The latest revision of each payer × month × 科目 in the batch is the one to follow.
        var latest = notices.GroupBy(n => Charge.IdFor(n.PayerId, JapaneseDates.FiscalYearOf(n.Month), n.Month, CollectionSubjects.From(n.Subject)))
            .ToDictionary(g => g.Key, g => g.MaxBy(n => n.Revision)!);
        var charges = (await session.LoadManyAsync<Charge>(ct, latest.Keys)).ToDictionary(c => c.Id);
        var raising = latest.Where(n => !charges.ContainsKey(n.Key) && n.Value.Amount > 0).OrderBy(n => n.Value.Month).ThenBy(n => n.Key).ToList();
        var numbers = await session.NextAsync(CollectionStoreConfiguration.CollectionNumberSequence, raising.Count, ct);
        var rules = new Dictionary<DateOnly, CollectionRuleSet>();
        var corrected = new List<Charge>();
        for (var i = 0; i < raising.Count; i++)
        {
            var (id, notice) = (raising[i].Key, raising[i].Value);
            if (!rules.TryGetValue(notice.Month, out var inForce)) rules[notice.Month] = inForce = await session.CollectionRulesInForceAsync(notice.Month, ct);
            var subject = CollectionSubjects.From(notice.Subject);
            session.Events.StartStream<Charge>(id, Charge.Assess(CollectionNumber(JapaneseDates.FiscalYearOf(notice.Month), numbers[i]), notice.PayerId, notice.HouseholdId,
                subject, notice.Month, notice.Amount, inForce.DueDateFor(subject, notice.Month), today, new ChargeSource(notice.NoticeId, notice.Revision), inForce.Version));
        }
        foreach (var (id, notice) in latest)
        {
            if (!charges.TryGetValue(id, out var charge) || notice.Revision <= charge.NoticeRevision || charge.CancelledOn is not null) continue;
            var correctedOn = today < charge.AssessedOn ? charge.AssessedOn : today;
            if (charge.Correct(notice.Amount, correctedOn, $"賦課通知の更正 (第{notice.Revision}版)", notice.Revision) is not { } correction) continue;
            session.Events.Append(id, charge.Version + 1, correction);
            corrected.Add(Charge.Evolve(charge, correction)!);
        }
        (await OverpaymentSettlements.SettleAsync(session, corrected, today, ct)).AppendTo(session);
    }
}

/// <summary>The 調定 for one fee notice (a household's change, an extended-care contract): see <see cref="ChargeAssessments.AssessAsync"/>.</summary>
public static class ChargeReadyForCollectionHandler
{
    public static Task Handle(ChargeReadyForCollection message, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChargeAssessments.AssessAsync(session, [message], clock.TodayJst(), ct);
}

/// <summary>The month's 調定 from the monthly run's fee notices, a batch at a time (one transaction each): see <see cref="ChargeAssessments.AssessAsync"/>.</summary>
public static class ChargesReadyForCollectionHandler
{
    public static Task Handle(ChargesReadyForCollection message, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChargeAssessments.AssessAsync(session, message.Notices, clock.TodayJst(), ct);
}
