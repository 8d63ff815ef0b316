using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Bench.Api;

/// <summary>A household the bench registered: its guardians (payers, applicants) and its child.</summary>
public sealed record BenchHousehold(Guid Id, Guid[] Guardians, Guid Child);

/// <summary>The requests the scenarios send, with Bogus-style dummy data (Japanese names from the demo generator's lists).</summary>
public sealed class ApiRequests(IReadOnlyDictionary<string, string> tokens, DateOnly today, int seed)
{
    public const string Clerk = "clerk", Supervisor = "supervisor", Finance = "finance", FacilityLiaison = "facility-liaison";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>利用目的 of the bench's reads (percent-encoded UTF-8, as header values are ASCII).</summary>
    private static readonly string Purpose = Uri.EscapeDataString("性能試験");

    public DateOnly Today => today;

    /// <summary>世帯登録: two guardians and a child born last year, every number unique to request <paramref name="i"/>.</summary>
    /// <param name="childBorn">the child's 生年月日 instead (a child of a given クラス年齢)</param>
    public HttpRequestMessage RegisterHousehold(int i, DateOnly? childBorn = null)
    {
        var random = new Random(seed * 1_000_003 + i);
        object Member(int k, string role, Sex sex, DateOnly birth, string relationship, IReadOnlyList<NamePart> given, NamePart surname)
        {
            var (name, kana) = JapaneseNames.FullName(surname, given[random.Next(given.Count)]);
            return new { personNumber = $"7{i * 3 + k:D14}", role, name, kana, birthDate = birth, sex = sex == Sex.Male ? "male" : "female", relationship };
        }
        var surname = JapaneseNames.Surnames[random.Next(JapaneseNames.Surnames.Count)];
        var childSex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
        return Post("/api/households", Clerk, new
        {
            householdNumber = $"8{i:D9}",
            address = new { postalCode = $"160-00{random.Next(10, 99)}", address = $"東京都新宿区西新宿{random.Next(1, 9)}丁目{random.Next(1, 30)}番{random.Next(1, 20)}号" },
            members = new[]
            {
                Member(0, "guardian", Sex.Male, new DateOnly(1988, 1, 1).AddDays(random.Next(3_000)), "世帯主", JapaneseNames.ParentGivenNames(Sex.Male), surname),
                Member(1, "guardian", Sex.Female, new DateOnly(1989, 1, 1).AddDays(random.Next(3_000)), "妻", JapaneseNames.ParentGivenNames(Sex.Female), surname),
                Member(2, "child", childSex, childBorn ?? today.AddYears(-1).AddDays(-random.Next(200)), "子", JapaneseNames.ChildGivenNames(childSex), surname),
            },
        });
    }

    public static BenchHousehold Registered(string answer)
    {
        using var document = JsonDocument.Parse(answer);
        var members = document.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personId").GetGuid()).ToArray();
        return new BenchHousehold(document.RootElement.GetProperty("id").GetGuid(), members[..2], members[2]);
    }

    /// <summary>1 April of the next 年度: the day the bench's certifications are applied for from, and its placements start.</summary>
    public static DateOnly NextFiscalYearStart(DateOnly today) => new(today.Month >= 4 ? today.Year + 1 : today.Year, 4, 1);

    /// <summary>A 生年月日 that makes a child 1歳児 in the 年度 starting on <paramref name="fiscalYearStart"/> (born in the October two years before).</summary>
    public static DateOnly OneYearOldBorn(DateOnly fiscalYearStart) => new(fiscalYearStart.Year - 2, 10, 1);

    /// <summary>支給認定申請 for the household's child, both guardians working 160 hours a month, from next April.</summary>
    public HttpRequestMessage ApplyForCertification(BenchHousehold household) => Post("/api/certifications", Clerk, new
    {
        childId = household.Child,
        applicantId = household.Guardians[1],
        applicationDate = today,
        wantsNurseryCare = true,
        desiredFrom = NextFiscalYearStart(today),
        needs = household.Guardians.Select(g => new { guardianId = g, reason = "employment", monthlyHours = 160 }),
    });

    /// <summary>認定 (approval) of an application at its first version.</summary>
    public HttpRequestMessage Decide(Guid certification) =>
        Post($"/api/certifications/{certification}/decision", Supervisor, new { decisionDate = today, approve = true, version = 1 });

    /// <summary>調定 by hand for a payer and month (one charge per payer × month × 科目); 納期限 from the collection rules unless given.</summary>
    public HttpRequestMessage Charge(Guid payer, DateOnly month, long amount, DateOnly? dueDate = null) => Post("/api/charges", Finance, new
    {
        payerId = payer,
        subject = "userFee",
        fiscalYear = month.Month >= 4 ? month.Year : month.Year - 1,
        month = $"{month:yyyy-MM}",
        amount,
        dueDate,
    });

    public static Guid Created(string answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>収納 of the whole amount today, before 納期限 (so no 延滞金 follows).</summary>
    public HttpRequestMessage Pay(Guid charge, long amount, string? idempotencyKey = null)
    {
        var request = Post($"/api/charges/{charge}/payments", Finance, new { amount, paidOn = today });
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>更正 of a charge's 調定額 at the version the caller last read (a stale version is 409).</summary>
    public HttpRequestMessage Correct(Guid charge, long amount, int version) =>
        Post($"/api/charges/{charge}/corrections", Finance, new { amount, correctedOn = today, reason = "性能試験の更正", version });

    /// <summary>The month's run: 利用者負担額 for every placement, 延長保育料, then the charges handed to collection.</summary>
    public HttpRequestMessage MonthlyFeeRun(DateOnly month) => Post("/api/fees/monthly-runs", Finance, new { month });

    /// <summary>The 督促 run on <paramref name="issuedOn"/>: every charge still owing within the rules' days after 納期限.</summary>
    public HttpRequestMessage DunningRun(DateOnly issuedOn) => Post("/api/dunning-runs", Finance, new { issuedOn });

    /// <summary>施設登録: a 保育所 open since 2015 with these seats (利用定員) per クラス年齢 0歳児…5歳児.</summary>
    public HttpRequestMessage RegisterFacility(int i, int[] seats) => Post("/api/facilities", FacilityLiaison, new
    {
        facilityNumber = $"13199{i:D5}",
        name = $"ベンチ保育園{i}",
        kind = "nurserySchool",
        address = new { postalCode = "160-0023", address = $"東京都新宿区西新宿{i % 9 + 1}丁目1番1号" },
        opensOn = new DateOnly(2015, 4, 1),
        capacity = new { age0 = seats[0], age1 = seats[1], age2 = seats[2], age3 = seats[3], age4 = seats[4], age5 = seats[5] },
    });

    /// <summary>利用決定・入所 as a direct contract on the child's certification.</summary>
    public HttpRequestMessage Place(Guid child, Guid facility, Guid certification, DateOnly startsOn) =>
        Post("/api/placements", Clerk, new { childId = child, facilityId = facility, startsOn, certificationId = certification });

    /// <summary>A charge as of today (personal data: 納入義務者; the read is written to the access log).</summary>
    public HttpRequestMessage ReadCharge(Guid charge) => Get($"/api/charges/{charge}", Finance);

    /// <summary>児童台帳: the child, household, guardians with 税情報 and certifications (sealed data opened; access logged).</summary>
    public HttpRequestMessage ReadChild(Guid child) => Get($"/api/children/{child}", Clerk);

    private HttpRequestMessage Post(string path, string role, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
        return request;
    }

    private HttpRequestMessage Get(string path, string role)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
        request.Headers.Add("X-Purpose", Purpose);
        return request;
    }
}
