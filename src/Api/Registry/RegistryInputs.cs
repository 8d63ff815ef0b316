using KosodateShien.Api.Http;
using KosodateShien.Domain.Registry;

namespace KosodateShien.Api.Registry;

/// <summary>住所 (郵便番号, 住所).</summary>
/// <param name="PostalCode">郵便番号, e.g. 160-0022</param>
/// <param name="Address">住所</param>
public sealed record AddressInput(string PostalCode, string Address)
{
    public Domain.Registry.Address ToDomain() => new(PostalCode.Trim(), Address.Trim());

    public void Validate(FieldErrors errors, string prefix)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(PostalCode ?? "", @"^\d{3}-?\d{4}$")) errors.Add($"{prefix}.postalCode", "must be a 7-digit postal code (e.g. 160-0022).");
        errors.Required($"{prefix}.address", Address, 200);
    }
}

/// <summary>保護者連絡先 (連絡先区分 and value).</summary>
public sealed record ContactInput(ContactKind Kind, string Value)
{
    public void Validate(FieldErrors errors, string prefix) => errors.Required($"{prefix}.value", Value, 100);
}

/// <summary>
/// 世帯員 as the 住民記録 system sends it: a new person (宛名番号, 氏名, フリガナ, 生年月日, 性別) or,
/// for 世帯変更, the <c>personId</c> of a person already registered.
/// </summary>
/// <param name="PersonNumber">宛名番号</param>
/// <param name="Role">保護者区分: guardian (保護者), child (児童) or other</param>
/// <param name="Name">氏名 ("姓 名")</param>
/// <param name="Kana">フリガナ (full-width katakana)</param>
/// <param name="BirthDate">生年月日</param>
/// <param name="Sex">性別</param>
/// <param name="Relationship">続柄 (世帯主, 妻, 子 …)</param>
/// <param name="PersonId">an existing person moving into this household (世帯変更); omit the personal details then</param>
public sealed record MemberInput(
    HouseholdRole Role,
    string Relationship,
    string? PersonNumber = null,
    string? Name = null,
    string? Kana = null,
    DateOnly? BirthDate = null,
    Sex? Sex = null,
    ContactInput? Contact = null,
    Guid? PersonId = null)
{
    public void Validate(FieldErrors errors, string prefix)
    {
        errors.Required($"{prefix}.relationship", Relationship, 20);
        if (PersonId is { } id)
        {
            errors.NotEmpty($"{prefix}.personId", id);
            if (PersonNumber is not null || Name is not null || Kana is not null || BirthDate is not null || Sex is not null)
                errors.Add($"{prefix}.personId", "give either personId (an existing person) or the new person's details, not both.");
            return;
        }
        errors.Identifier($"{prefix}.personNumber", PersonNumber);
        errors.Required($"{prefix}.name", Name, 100);
        errors.Kana($"{prefix}.kana", Kana);
        if (BirthDate is null) errors.Add($"{prefix}.birthDate", "is required.");
        if (Sex is null) errors.Add($"{prefix}.sex", "is required.");
        Contact?.Validate(errors, $"{prefix}.contact");
    }

    public static void ValidateAll(FieldErrors errors, IReadOnlyList<MemberInput> members)
    {
        if (members.Count == 0) errors.Add("members", "must name at least one member.");
        if (members.Count > 30) errors.Add("members", "must name at most 30 members.");
        for (var i = 0; i < members.Count; i++) members[i].Validate(errors, $"members[{i}]");
        foreach (var duplicate in members.Where(m => m.PersonNumber is not null).GroupBy(m => m.PersonNumber).Where(g => g.Count() > 1))
            errors.Add("members", $"宛名番号 {duplicate.Key} appears more than once.");
    }
}

/// <summary>A person's place in a household after registration.</summary>
/// <param name="PersonNumber">宛名番号</param>
public sealed record MemberRef(string? PersonNumber, Guid PersonId);
