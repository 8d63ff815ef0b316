using JasperFx.Events;
using KosodateShien.Domain.Registry;
using Marten.Events.Aggregation;

namespace KosodateShien.Projections.Registry;

/// <summary>世帯 snapshot, written inline: the write model and the household screen read it.</summary>
public sealed class HouseholdProjection : SingleStreamProjection<Household, Guid>
{
    public HouseholdProjection() => this.Folds(Household.FoldedEvents);

    public override Household? Evolve(Household? snapshot, Guid id, IEvent e) => Household.Evolve(snapshot, e.Data);
}

/// <summary>宛名 snapshot.</summary>
public sealed class PersonProjection : SingleStreamProjection<Person, Guid>
{
    public PersonProjection() => this.Folds(Person.FoldedEvents);

    public override Person? Evolve(Person? snapshot, Guid id, IEvent e) => Person.Evolve(snapshot, e.Data);
}

/// <summary>税情報 snapshot per person and 年度.</summary>
public sealed class TaxYearProjection : SingleStreamProjection<TaxYear, Guid>
{
    public TaxYearProjection() => this.Folds(TaxYear.FoldedEvents);

    public override TaxYear? Evolve(TaxYear? snapshot, Guid id, IEvent e) => TaxYear.Evolve(snapshot, e.Data);
}
