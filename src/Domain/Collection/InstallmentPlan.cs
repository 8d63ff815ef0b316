using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Collection;

/// <summary>One 期別 of a 分納誓約: 納付額 and 納期限.</summary>
public sealed record Installment(long Amount, DateOnly DueDate);

/// <summary>分納誓約: the payer undertook to pay the charges covered in installments (誓約日, 分割回数, 期別の納付額・納期限, 合計).</summary>
public sealed record InstallmentPlanAgreed(Guid PlanId, Guid PayerId, DateOnly AgreedOn, IReadOnlyList<Guid> ChargeIds, IReadOnlyList<Installment> Installments, long Total);

/// <summary>On a charge: it is covered by a 分納誓約, which acknowledges the debt (承認, 民法152条) and so renews its 時効.</summary>
public sealed record InstallmentPlanAcknowledged(Guid ChargeId, Guid PlanId, DateOnly AgreedOn);

/// <summary>Where one 期別 stands on a day: paid (the payments since the 誓約 reach it), due, or missed (its 納期限 passed short).</summary>
public enum InstallmentStatus
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("paid")] Paid,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("due")] Due,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("missed")] Missed,
}

/// <summary>分納誓約: the write model of a plan stream.</summary>
public sealed record InstallmentPlan(Guid Id, Guid PayerId, DateOnly AgreedOn, IReadOnlyList<Guid> ChargeIds, IReadOnlyList<Installment> Installments, long Total)
    : IStreamVersioned
{
    public int Version { get; set; }

    /// <summary>The events <see cref="Evolve"/> folds: its snapshot projection reads and writes the snapshot only for a unit of work
    /// that appends one of these (a test checks the list against Evolve).</summary>
    public static IReadOnlyList<Type> FoldedEvents { get; } =
    [
        typeof(InstallmentPlanAgreed),
    ];

    public static InstallmentPlan? Evolve(InstallmentPlan? state, object @event) => (state, @event) switch
    {
        (null, InstallmentPlanAgreed e) => new InstallmentPlan(e.PlanId, e.PayerId, e.AgreedOn, e.ChargeIds, e.Installments, e.Total),
        _ => state,
    };

    /// <summary>
    /// 分納誓約 for charges of one payer still owing on the day: the installments must add up to what they owe, fall due in
    /// order, not before the 誓約日.
    /// </summary>
    public static InstallmentPlanAgreed Agree(Guid payerId, DateOnly agreedOn, IReadOnlyList<Charge> charges, IReadOnlyList<Installment> installments)
    {
        if (charges.Count == 0) throw new DomainRuleException("installments.no-charges", "A 分納誓約 covers at least one charge.", "chargeIds");
        if (charges.Any(c => c.PayerId != payerId)) throw new DomainRuleException("installments.other-payer", "Every charge must be the payer's own.", "chargeIds");
        var owed = charges.Select(c => c.AsOf(agreedOn).Outstanding).ToList();
        if (owed.Any(o => o == 0)) throw new DomainRuleException("installments.nothing-owed", "A charge covered must still be owing on the 誓約日.", "chargeIds");
        if (installments.Count == 0 || installments.Any(i => i.Amount < 1))
            throw new DomainRuleException("installments.amounts", "Give at least one installment, each of at least 1 yen.", "installments");
        if (installments.Sum(i => i.Amount) != owed.Sum())
            throw new DomainRuleException("installments.total", $"The installments must add up to what is owed ({owed.Sum():N0}円).", "installments");
        if (installments[0].DueDate < agreedOn || installments.Zip(installments.Skip(1)).Any(p => p.Second.DueDate <= p.First.DueDate))
            throw new DomainRuleException("installments.due-dates", "Installments fall due in order, from the 誓約日 on.", "installments");
        return new InstallmentPlanAgreed(Guid.CreateVersion7(), payerId, agreedOn, [.. charges.Select(c => c.Id)], installments, owed.Sum());
    }

    /// <summary>Each 期別 on <paramref name="day"/>: what the covered charges received since the 誓約日 is set against them in order.</summary>
    public IReadOnlyList<(Installment Installment, InstallmentStatus Status)> StatusOn(DateOnly day, IReadOnlyList<Charge> covered)
    {
        var received = covered.Sum(c => c.AsOf(day).Payments.Where(p => p.PaidOn >= AgreedOn).Sum(p => p.Amount));
        long due = 0;
        var statuses = new List<(Installment, InstallmentStatus)>();
        foreach (var installment in Installments)
        {
            due += installment.Amount;
            statuses.Add((installment, received >= due ? InstallmentStatus.Paid : day > installment.DueDate ? InstallmentStatus.Missed : InstallmentStatus.Due));
        }
        return statuses;
    }
}
