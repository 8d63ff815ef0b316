using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Registry;

/// <summary>連絡先 (保護者連絡先 with its 連絡先区分).</summary>
public sealed record RecordContactRequest(ContactKind Kind, string Value, int Version, DateOnly? EffectiveDate = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("value", Value, 100);
    }
}

/// <summary>宛名の変更 (氏名変更・職権修正).</summary>
/// <param name="Name">氏名</param>
/// <param name="Kana">フリガナ</param>
/// <param name="BirthDate">生年月日</param>
public sealed record ChangePersonDetailsRequest(string Name, string Kana, DateOnly BirthDate, Sex Sex, DateOnly EffectiveDate, RegistryChangeReason Reason, int Version) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Version(Version);
        errors.Required("name", Name, 100);
        errors.Kana("kana", Kana);
    }
}

public static class PersonChangeEndpoints
{
    /// <summary>Record a person's contact details (連絡先).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/persons/{id}/contacts", OperationId = "RecordContact")]
    public static (UpdatedAggregate, Events) Contact(RecordContactRequest request, [WriteAggregate] Person person, TimeProvider clock) =>
        (new UpdatedAggregate(), new Events([new ContactDetailsRecorded(person.AtVersion(request.Version).Id, request.Kind, request.Value.Trim(), request.EffectiveDate ?? clock.TodayJst())]));

    /// <summary>Change a person's 氏名, フリガナ, 生年月日 or 性別 (氏名変更・職権修正).</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/persons/{id}/details", OperationId = "ChangePersonDetails")]
    public static (UpdatedAggregate, Events) Details(ChangePersonDetailsRequest request, [WriteAggregate] Person person, TimeProvider clock)
    {
        person.AtVersion(request.Version);
        if (request.BirthDate > clock.TodayJst())
            throw new DomainRuleException("registry.birth-in-future", "The birth date is in the future.", "birthDate");
        return (new UpdatedAggregate(), new Events([new PersonDetailsChanged(person.Id, request.Name.Trim(), request.Kana.Trim(), request.BirthDate, request.Sex, request.EffectiveDate, request.Reason)]));
    }
}
