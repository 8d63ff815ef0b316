using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>代表者.</summary>
/// <param name="Title">代表者職名 (e.g. 理事長)</param>
/// <param name="Name">代表者氏名</param>
public sealed record RepresentativeInput(string Title, string Name);

/// <summary>事業者 from a date: the first one recorded, or a change.</summary>
/// <param name="CorporateName">法人名</param>
/// <param name="CorporateNameKana">法人名カナ (full-width katakana)</param>
/// <param name="CorporateNumber">事業者番号 (法人番号, 13 digits)</param>
/// <param name="Representative">代表者 (職名, 氏名)</param>
/// <param name="EffectiveFrom">適用開始年月日 (変更年月日)</param>
/// <param name="Reason">変更理由 (for a change)</param>
public sealed record RecordFacilityOperatorRequest(string CorporateName, string CorporateNameKana, string CorporateNumber, RepresentativeInput Representative,
    DateOnly EffectiveFrom, int Version, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("corporateName", CorporateName, 100);
        errors.Kana("corporateNameKana", CorporateNameKana);
        if (!CorporateNumbers.IsWellFormed(CorporateNumber)) errors.Add("corporateNumber", "must be 13 digits (法人番号).");
        errors.Required("representative.title", Representative.Title, 50);
        errors.Required("representative.name", Representative.Name, 100);
        errors.Date("effectiveFrom", EffectiveFrom);
        errors.Optional("reason", Reason, 200);
        errors.Version(Version);
    }

    public FacilityOperator ToOperator() =>
        new(CorporateName.Trim(), CorporateNameKana.Trim(), CorporateNumber, new Representative(Representative.Title.Trim(), Representative.Name.Trim()));
}

public static class RecordFacilityOperatorEndpoint
{
    /// <summary>Record a facility's 事業者 (法人名, 法人名カナ, 法人番号, 代表者) from a date, or change it from a later one.</summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/operator", OperationId = "RecordFacilityOperator")]
    public static (UpdatedAggregate, Events) Post(RecordFacilityOperatorRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).RecordOperator(request.ToOperator(), request.EffectiveFrom, FacilityText.Optional(request.Reason))]));
}
