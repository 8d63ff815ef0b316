using JasperFx.Events.Projections;
using KosodateShien.Domain.Certification;
using Marten;
using Weasel.Postgresql;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Projections.Certification;

public static class CertificationStoreConfiguration
{
    /// <summary>支給認定者番号 sequence.</summary>
    public const string CertificationNumberSequence = "certification_number_seq";

    /// <summary>認定証発行処理番号 sequence.</summary>
    public const string CertificateNumberSequence = "certificate_number_seq";

    public static StoreOptions ConfigureCertification(this StoreOptions opts)
    {
        opts.Projections.Add(new CertificationProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new CertificationDetailsProjection(), ProjectionLifecycle.Inline);

        opts.Schema.For<CertificationState>()
            .Index(x => x.ChildId)
            .Index(x => x.Status)
            .Index(x => x.DecisionDueDate);
        opts.Schema.For<CertificationRuleSet>();

        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, CertificationNumberSequence, SchemaUtils.IdentifierUsage.General)));
        opts.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(opts.DatabaseSchemaName, CertificateNumberSequence, SchemaUtils.IdentifierUsage.General)));
        return opts;
    }
}
