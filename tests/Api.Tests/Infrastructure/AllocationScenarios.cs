using System.Text.Json;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>A family whose child holds an approved certification.</summary>
public sealed record CertifiedFamily(Family Family, Guid CertificationId);

/// <summary>"Given" state for 利用調整, built through the API.</summary>
public static class AllocationScenarios
{
    public static readonly DateOnly April2027 = new(2027, 4, 1);

    public static async Task<Guid> RegisteredFacility(this ApiClient api, string kind = "nurserySchool", object? capacity = null, object? aprilVacancies = null)
    {
        var created = await api.PostJson("/api/facilities", new
        {
            facilityNumber = Scenarios.NextNumber(),
            name = $"テスト保育園{Scenarios.NextNumber(3)}",
            kind,
            address = Scenarios.Address(),
            opensOn = new DateOnly(2015, 4, 1),
            capacity = capacity ?? new { age0 = 6, age1 = 10, age2 = 10, age3 = 15, age4 = 15, age5 = 15 },
        }, 201, ApiClient.FacilityLiaison);
        var id = created.GetProperty("id").GetGuid();
        if (aprilVacancies is not null)
            await api.PostJson($"/api/facilities/{id}/vacancies", new { month = April2027, seats = aprilVacancies, version = 1 }, 200, ApiClient.FacilityLiaison);
        return id;
    }

    /// <summary>A family with a child certified for 保育 from April 2027 (both guardians employed for the given hours).</summary>
    public static async Task<CertifiedFamily> CertifiedFamily(this ApiClient api, DateOnly childBirth, int motherHours = 160, int fatherHours = 160)
    {
        var family = await api.RegisteredFamily(childBirth);
        var (id, version) = await api.Applied(family, April2027, Scenarios.Employment(family, motherHours, fatherHours));
        await api.Approved(id, version);
        return new CertifiedFamily(family, id);
    }

    public static async Task<(Guid Id, string Number)> AppliedForPlacement(this ApiClient api, CertifiedFamily family, Guid[] facilities,
        string kind = "new", Guid? currentFacilityId = null, string[]? adjustments = null)
    {
        var created = await api.PostJson("/api/applications", new
        {
            childId = family.Family.ChildId,
            applicantId = family.Family.MotherId,
            certificationId = family.CertificationId,
            applicationDate = TestClock.DefaultToday,
            desiredFacilities = facilities,
            desiredStartMonth = April2027,
            kind,
            currentFacilityId,
            adjustments = adjustments ?? [],
        }, 201);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("applicationNumber").GetString()!);
    }

    /// <summary>Opens a round for April 2027, fixes its inputs and runs it once; returns the round id and the run.</summary>
    public static async Task<(Guid RoundId, JsonElement Inputs, JsonElement Run)> RanRound(this ApiClient api, string mode = "heuristic")
    {
        var round = await api.PostJson("/api/allocation/rounds", new { name = "2027年4月一次", targetMonth = April2027 }, 201, ApiClient.Supervisor);
        var roundId = round.GetProperty("id").GetGuid();
        var inputs = await api.PostJson($"/api/allocation/rounds/{roundId}/inputs", new { version = 1 }, 200, ApiClient.Supervisor);
        var run = await api.PostJson($"/api/allocation/rounds/{roundId}/runs", new { version = 2, mode }, 200, ApiClient.Supervisor);
        return (roundId, inputs, run);
    }
}
