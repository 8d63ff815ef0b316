using JasperFx.Events.Projections;
using KosodateShien.Domain.Registry;
using Marten;

namespace KosodateShien.Projections.Registry;

public static class RegistryStoreConfiguration
{
    public static StoreOptions ConfigureRegistry(this StoreOptions opts)
    {
        opts.Projections.Add(new HouseholdProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new PersonProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new TaxYearProjection(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new PersonMembershipProjection(), ProjectionLifecycle.Inline);

        // 世帯識別番号 and 宛名番号 are unique: a second registration fails the whole transaction.
        opts.Schema.For<Household>().UniqueIndex(x => x.HouseholdNumber);
        opts.Schema.For<Person>().UniqueIndex(x => x.PersonNumber);
        opts.Schema.For<TaxYear>().Index(x => x.PersonId);
        opts.Schema.For<PersonMembership>().Index(x => x.HouseholdId!);
        return opts;
    }
}
