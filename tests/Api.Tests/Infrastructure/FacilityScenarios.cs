using Bogus;
using KosodateShien.Application.Demo;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>事業者管理 "given" state with Bogus dummy data (ja locale and the demo's name table): never a real 法人.</summary>
public static class FacilityScenarios
{
    private static readonly Faker Faker = new("ja");

    /// <summary>A made-up 法人番号 whose check digit is right.</summary>
    public static string CorporateNumber()
    {
        var baseNumber = Faker.Random.ReplaceNumbers("############");
        return $"{CorporateNumbers.CheckDigit(baseNumber)}{baseNumber}";
    }

    /// <summary>A 社会福祉法人 named after a common surname, with a 理事長.</summary>
    public static (string Name, string Kana, string Number, string Representative) Operator()
    {
        var surname = Faker.PickRandom<NamePart>(JapaneseNames.Surnames);
        var representative = JapaneseNames.FullName(Faker.PickRandom<NamePart>(JapaneseNames.Surnames), Faker.PickRandom<NamePart>(JapaneseNames.ParentGivenNames(Faker.PickRandom<Sex>())));
        return ($"社会福祉法人{surname.Kanji}会", $"シャカイフクシホウジン　{surname.Kana}カイ", CorporateNumber(), representative.Name);
    }

    public static object OperatorBody(DateOnly effectiveFrom, int version, string? corporateNumber = null, string? reason = null)
    {
        var (name, kana, number, representative) = Operator();
        return new
        {
            corporateName = name, corporateNameKana = kana, corporateNumber = corporateNumber ?? number,
            representative = new { title = "理事長", name = representative }, effectiveFrom, version, reason,
        };
    }

    /// <summary>An account at a made-up branch: 口座番号 seven random digits, 名義 the 法人's kana.</summary>
    public static object AccountBody(string number) => new
    {
        bankCode = Faker.Random.ReplaceNumbers("####"), branchCode = Faker.Random.ReplaceNumbers("###"), type = "ordinary", number,
        holderKana = $"ﾌｸ)ﾃｽﾄ{Faker.Random.ReplaceNumbers("##")}",
    };

    /// <summary>Seven digits that appear nowhere else in the test's data (for searching raw rows).</summary>
    public static string AccountNumber() => Faker.Random.ReplaceNumbers("9######");
}
