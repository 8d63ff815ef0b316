using KosodateShien.Api.Auth;
using KosodateShien.Api.Collection;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;

namespace KosodateShien.Api.Facilities;

/// <summary>事業所口座 from a date (to a date, or open-ended).</summary>
/// <param name="Account">口座 (金融機関コード, 支店コード, 預金種目, 口座番号, 口座名義カナ)</param>
/// <param name="From">適用開始年月日</param>
/// <param name="To">適用終了年月日 (open-ended when left out)</param>
/// <param name="Reason">変更理由 (for a change)</param>
public sealed record RegisterFacilityBankAccountRequest(BankAccountRequest Account, DateOnly From, int Version, DateOnly? To = null, string? Reason = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Date("from", From);
        errors.Date("to", To);
        errors.Optional("reason", Reason, 200);
        errors.Version(Version);
    }
}

public static class FacilityBankAccountEndpoints
{
    /// <summary>
    /// Register the account the 区 pays a facility's 給付費・委託費 into, from a date, or change it (the account in force then ends the
    /// day before). 口座番号 and 口座名義 are stored sealed with the facility's key.
    /// </summary>
    [Tags("Facilities 施設・事業所")]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/bank-accounts", OperationId = "RegisterFacilityBankAccount")]
    public static (UpdatedAggregate, Events) Register(RegisterFacilityBankAccountRequest request, [WriteAggregate] Facility facility) =>
        (new UpdatedAggregate(), new Events([facility.AtVersion(request.Version).RegisterBankAccount(request.Account.ToAccount(), request.From, request.To,
            FacilityText.Optional(request.Reason))]));
}
