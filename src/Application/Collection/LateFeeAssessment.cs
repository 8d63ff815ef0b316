using KosodateShien.Domain.Collection;
using Marten;

namespace KosodateShien.Application.Collection;

/// <summary>A 延滞金 raised: the assessment to append to the charge paid off late, and the 延滞金 charge started in the session.</summary>
public sealed record LateFeeRaised(LateFeeAssessed Assessed, Charge Charge);

/// <summary>延滞金 after a late charge is paid in full: the assessment on the charge, and the 延滞金 charge it raises.</summary>
public static class LateFeeAssessment
{
    /// <summary>The assessment to append to the charge (and the 延滞金 charge started in the session), or null when none is due.</summary>
    public static async Task<LateFeeRaised?> AssessAsync(IDocumentSession session, Charge settled, DateOnly on, CancellationToken ct)
    {
        if (!settled.MayOweLateFee()) return null;
        var rules = await session.CollectionRulesInForceAsync(on, ct);
        if (settled.AssessLateFee(rules, on) is not { } assessed) return null;
        var charge = settled.LateFeeCharge(assessed, rules, await session.NextCollectionNumberAsync(settled.FiscalYear, ct));
        session.Events.StartStream<Charge>(charge.ChargeId, charge);
        return new LateFeeRaised(assessed, Charge.Evolve(null, charge)! with { Version = 1 });
    }
}
