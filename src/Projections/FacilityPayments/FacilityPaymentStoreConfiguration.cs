using KosodateShien.Domain.FacilityPayments;
using JasperFx.Events.Projections;
using Marten;

namespace KosodateShien.Projections.FacilityPayments;

public static class FacilityPaymentStoreConfiguration
{
    /// <summary>給付費: the municipality's payment rules (支払基準) and the 公定価格 単価表, immutable versioned documents.</summary>
    public static StoreOptions ConfigureFacilityPayments(this StoreOptions opts)
    {
        opts.Schema.For<FacilityPaymentRuleSet>();
        opts.Schema.For<PublicPriceTable>();
        opts.Projections.Add(new AddonCertificationProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<AddonCertification>().Index(x => x.FacilityId);
        opts.Projections.Add(new FacilityClaimProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<FacilityClaim>().Index(x => x.FacilityId).Index(x => x.Month);
        opts.Projections.Add(new PaymentBatchProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<PaymentBatch>().Index(x => x.TransferDate);
        return opts;
    }
}
