using KosodateShien.Application.Demo;
using KosodateShien.Domain.Allocation.Applications;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Contracts;
using KosodateShien.Domain.ExtendedCare;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;
using CertificationState = KosodateShien.Domain.Certification.Certification;

namespace KosodateShien.Application.Tests.Demo;

/// <summary>A generated data set folded with each aggregate's own Evolve, as the event store would load it.</summary>
internal sealed class DemoWorld
{
    public DemoWorld(DemoDataSet data, DateOnly today)
    {
        Data = data;
        Today = today;
        foreach (var stream in data.Streams)
        {
            switch (stream.Events[0])
            {
                case HouseholdRegistered: Households[stream.Id] = Fold<Household>(stream, Household.Evolve); break;
                case PersonRegistered: Persons[stream.Id] = Fold<Person>(stream, Person.Evolve); break;
                case TaxAssessed: TaxYears[stream.Id] = Fold<TaxYear>(stream, TaxYear.Evolve); break;
                case CertificationApplied: Certifications[stream.Id] = Fold<CertificationState>(stream, CertificationState.Evolve); break;
                case FacilityRegistered: Facilities[stream.Id] = Fold<Facility>(stream, Facility.Evolve); break;
                case PlacementApplicationReceived: Applications[stream.Id] = Fold<PlacementApplication>(stream, PlacementApplication.Evolve); break;
                case PlacementStarted: Placements[stream.Id] = Fold<Placement>(stream, Placement.Evolve); break;
                case ExtendedCareApplied: ExtendedCare[stream.Id] = Fold<ExtendedCareContract>(stream, ExtendedCareContract.Evolve); break;
                case Domain.FacilityPayments.AddonCertificationOpened: AddonYears[stream.Id] = Fold<Domain.FacilityPayments.AddonCertification>(stream, Domain.FacilityPayments.AddonCertification.Evolve); break;
                default: throw new InvalidOperationException($"Stream {stream.Id} starts with an unexpected {stream.Events[0].GetType().Name}.");
            }
        }
    }

    public DemoDataSet Data { get; }
    public DateOnly Today { get; }
    public Dictionary<Guid, Household> Households { get; } = [];
    public Dictionary<Guid, Person> Persons { get; } = [];
    public Dictionary<Guid, TaxYear> TaxYears { get; } = [];
    public Dictionary<Guid, CertificationState> Certifications { get; } = [];
    public Dictionary<Guid, Facility> Facilities { get; } = [];
    public Dictionary<Guid, PlacementApplication> Applications { get; } = [];
    public Dictionary<Guid, Placement> Placements { get; } = [];
    public Dictionary<Guid, ExtendedCareContract> ExtendedCare { get; } = [];
    public Dictionary<Guid, Domain.FacilityPayments.AddonCertification> AddonYears { get; } = [];

    /// <summary>The month the placements run in and fees are determined for: the first day of today's month.</summary>
    public DateOnly Month => new(Today.Year, Today.Month, 1);

    public IEnumerable<object> Events => Data.Streams.SelectMany(s => s.Events);

    public IEnumerable<HouseholdMember> Members(HouseholdRole role) => Households.Values.SelectMany(h => h.Members).Where(m => m.Role == role);

    public IEnumerable<CertificationState> InStatus(CertificationStatus status) => Certifications.Values.Where(c => c.Status == status);

    private static TState Fold<TState>(DemoStream stream, Func<TState?, object, TState?> evolve) where TState : class =>
        stream.Events.Aggregate((TState?)null, evolve) ?? throw new InvalidOperationException($"Stream {stream.Id} folded to nothing.");
}
