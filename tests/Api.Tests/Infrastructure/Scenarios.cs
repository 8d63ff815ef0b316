using System.Text.Json;
using Bogus;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>A registered family: two guardians (or one) and one child, with the household version.</summary>
public sealed record Family(Guid HouseholdId, int HouseholdVersion, Guid MotherId, Guid? FatherId, Guid ChildId, string HouseholdNumber)
{
    public IEnumerable<Guid> GuardianIds => FatherId is { } father ? [MotherId, father] : [MotherId];
}

/// <summary>
/// "Given" state built through the API, with Bogus dummy data (ja locale): never real personal data.
/// </summary>
public static class Scenarios
{
    private static readonly Faker Faker = new("ja");
    private static int _sequence = Random.Shared.Next(1_000, 9_000);

    public static string NextNumber(int length = 10) =>
        (Interlocked.Increment(ref _sequence).ToString() + Faker.Random.ReplaceNumbers(new string('#', length))).Substring(0, length);

    public static object Member(HouseholdRole role, Sex sex, DateOnly birthDate, string relationship)
    {
        var surname = Faker.PickRandom<NamePart>(JapaneseNames.Surnames);
        var given = Faker.PickRandom<NamePart>(role == HouseholdRole.Child ? JapaneseNames.ChildGivenNames(sex) : JapaneseNames.ParentGivenNames(sex));
        var (name, kana) = JapaneseNames.FullName(surname, given);
        return new
        {
            personNumber = NextNumber(15),
            role = role.ToString().ToLowerInvariant(),
            name,
            kana,
            birthDate,
            sex = sex.ToString().ToLowerInvariant(),
            relationship,
        };
    }

    public static object Address() => new { postalCode = $"160-00{Faker.Random.Number(10, 99)}", address = $"東京都新宿区{Faker.Address.StreetAddress()}" };

    public static object HouseholdBody(DateOnly childBirthDate, bool singleParent = false, string? householdNumber = null)
    {
        var members = new List<object> { Member(HouseholdRole.Guardian, Sex.Female, new DateOnly(1991, 6, 2), singleParent ? "世帯主" : "妻") };
        if (!singleParent) members.Insert(0, Member(HouseholdRole.Guardian, Sex.Male, new DateOnly(1989, 11, 20), "世帯主"));
        members.Add(Member(HouseholdRole.Child, Faker.PickRandom<Sex>(), childBirthDate, "子"));
        return new { householdNumber = householdNumber ?? NextNumber(), address = Address(), members, effectiveDate = new DateOnly(2020, 4, 1) };
    }

    public static async Task<Family> RegisteredFamily(this ApiClient api, DateOnly childBirthDate, bool singleParent = false)
    {
        var body = HouseholdBody(childBirthDate, singleParent);
        var response = await api.PostJson("/api/households", body, 201);
        var members = response.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ToList();
        var number = JsonSerializer.SerializeToElement(body).GetProperty("householdNumber").GetString()!;
        return singleParent
            ? new Family(response.GetProperty("id").GetGuid(), response.GetProperty("version").GetInt32(), members[0], null, members[1], number)
            : new Family(response.GetProperty("id").GetGuid(), response.GetProperty("version").GetInt32(), members[1], members[0], members[2], number);
    }

    /// <summary>Both guardians employed with the given monthly hours (mother first).</summary>
    public static object[] Employment(Family family, params int[] hours) =>
        [.. family.GuardianIds.Zip(hours, (id, h) => (object)new { guardianId = id, reason = "employment", monthlyHours = h })];

    public static async Task<(Guid Id, int Version)> Applied(this ApiClient api, Family family, DateOnly desiredFrom, object[] needs,
        bool wantsNurseryCare = true, string[]? missingDocuments = null, DateOnly? applicationDate = null)
    {
        var response = await api.PostJson("/api/certifications", new
        {
            childId = family.ChildId,
            applicantId = family.MotherId,
            applicationDate = applicationDate ?? TestClock.DefaultToday,
            wantsNurseryCare,
            desiredFrom,
            needs,
            missingDocuments = missingDocuments ?? [],
        }, 201);
        return (response.GetProperty("id").GetGuid(), response.GetProperty("version").GetInt32());
    }

    public static Task<JsonElement> Approved(this ApiClient api, Guid certificationId, int version, DateOnly? decisionDate = null) =>
        api.PostJson($"/api/certifications/{certificationId}/decision",
            new { decisionDate = decisionDate ?? TestClock.DefaultToday, approve = true, version }, 200, ApiClient.Supervisor);
}
