using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Facilities;
using KosodateShien.Domain.FacilityPayments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.FacilityPayments;

/// <summary>Every 加算認定 command: the version of the facility's 年度 you last read (omit it for the year's first command).</summary>
public interface IAddonYearCommand : IValidatedRequest
{
    int? Version { get; }
}

/// <summary>加算（調整）適用申請: the item (catalogue code), 適用年月 asked for, 申請日 and 添付書類.</summary>
public sealed record ApplyForAddonRequest(string Code, DateOnly FromMonth, DateOnly AppliedOn, string? Attachments = null, int? Version = null) : IAddonYearCommand
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("code", Code, 50);
        errors.Optional("attachments", Attachments, 500);
    }
}

/// <summary>加算認定 (or 変更 from a later month, with 変更理由): 適用年月, last month (default: the 年度's end), parameters (加配人数, 区分).</summary>
public sealed record CertifyAddonRequest(string Code, DateOnly FromMonth, DateOnly CertifiedOn, DateOnly? UntilMonth = null, AddonParameters? Parameters = null,
    string? ChangeReason = null, int? Version = null) : IAddonYearCommand
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("code", Code, 50);
        errors.Optional("changeReason", ChangeReason, 500);
        if (Parameters is { ExtraStaff: < 0 or > 100 }) errors.Add("parameters.extraStaff", "must be between 0 and 100.");
        errors.Optional("parameters.tier", Parameters?.Tier, 10);
    }
}

/// <summary>加算の取消 from a month, with the reason (要件を満たさなくなった理由).</summary>
public sealed record RevokeAddonRequest(string Code, DateOnly FromMonth, DateOnly RevokedOn, string Reason, int? Version = null) : IAddonYearCommand
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("code", Code, 50);
        errors.Required("reason", Reason, 500);
    }
}

/// <summary>処遇改善等加算の加算率 from a month: a, b (percent), 区分3 人数A/B, provisional (仮) or final.</summary>
public sealed record CertifyTreatmentRatesRequest(decimal A, decimal B, int PersonsA, int PersonsB, DateOnly FromMonth, bool Provisional, DateOnly CertifiedOn,
    int? Version = null) : IAddonYearCommand
{
    public void Validate(FieldErrors errors)
    {
        if (A is < 0 or > 100) errors.Add("a", "must be between 0 and 100 (percent).");
        if (B is < 0 or > 100) errors.Add("b", "must be between 0 and 100 (percent).");
        errors.Range("personsA", PersonsA, 0, 100);
        errors.Range("personsB", PersonsB, 0, 100);
    }
}

/// <summary>処遇改善等加算 実績報告: 賃金改善実績額 and 要件額.</summary>
public sealed record ReportTreatmentPerformanceRequest(DateOnly ReportedOn, long ImprovementPaid, long ImprovementRequired, int? Version = null) : IAddonYearCommand
{
    public void Validate(FieldErrors errors)
    {
        errors.Range("improvementPaid", ImprovementPaid, 0, 100_000_000_000);
        errors.Range("improvementRequired", ImprovementRequired, 0, 100_000_000_000);
    }
}

/// <summary>実績の不足額の決定 (the amount to be returned).</summary>
public sealed record DetermineTreatmentShortfallRequest(DateOnly DeterminedOn, int? Version = null) : IAddonYearCommand
{
    public void Validate(FieldErrors errors) { }
}

/// <summary>The facility's 年度 of 加算認定 and its new version.</summary>
public sealed record AddonYearResponse(Guid Id, Guid FacilityId, int FiscalYear, int Version);

public static class AddonCertificationEndpoints
{
    private const string Tag = "FacilityPayments 給付費";

    /// <summary>The facility's 加算認定 for a 年度: items by month, 加算率, pending 申請, 実績報告 and shortfall.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ReadFacilities)]
    [WolverineGet("/api/facilities/{id}/addons/{fiscalYear}", OperationId = "GetAddonCertification")]
    public static async Task<IResult> Get(Guid id, int fiscalYear, IQuerySession session, CancellationToken ct) =>
        fiscalYear is < 2000 or > 2100 || await session.LoadAsync<AddonCertification>(AddonCertification.StreamId(id, fiscalYear), ct) is not { } year
            ? Results.NotFound()
            : Results.Ok(year);

    /// <summary>Record an 加算（調整）適用申請.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/addons/{fiscalYear}/applications", OperationId = "ApplyForAddon")]
    public static Task<IResult> Apply(Guid id, int fiscalYear, ApplyForAddonRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, fiscalYear, request, year => year.Apply(request.Code.Trim(), request.FromMonth, request.AppliedOn, request.Attachments?.Trim()), ct);

    /// <summary>Certify an 加算 from its 適用年月 (or change it from a later month); the code must be in the 単価表 in force then.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/facilities/{id}/addons/{fiscalYear}/certifications", OperationId = "CertifyAddon")]
    public static async Task<IResult> Certify(Guid id, int fiscalYear, CertifyAddonRequest request, IDocumentSession session, CancellationToken ct)
    {
        var table = await session.PublicPriceTableInForceAsync(JapaneseDates.FirstOfMonth(request.FromMonth), ct);
        return await WriteAsync(session, id, fiscalYear, request,
            year => year.Certify(table, request.Code.Trim(), request.FromMonth, request.UntilMonth, request.CertifiedOn, request.Parameters, request.ChangeReason), ct);
    }

    /// <summary>Revoke an 加算 from a month (要件を満たさなくなった).</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/facilities/{id}/addons/{fiscalYear}/revocations", OperationId = "RevokeAddon")]
    public static Task<IResult> Revoke(Guid id, int fiscalYear, RevokeAddonRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, fiscalYear, request, year => year.Revoke(request.Code.Trim(), request.FromMonth, request.RevokedOn, request.Reason.Trim()), ct);

    /// <summary>Certify the 処遇改善等加算 加算率 (a, b, 区分3 人数) from a month, provisional or final.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/facilities/{id}/addons/{fiscalYear}/treatment-rates", OperationId = "CertifyTreatmentRates")]
    public static Task<IResult> Rates(Guid id, int fiscalYear, CertifyTreatmentRatesRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, fiscalYear, request,
            year => year.CertifyRates(request.A, request.B, request.PersonsA, request.PersonsB, request.FromMonth, request.Provisional, request.CertifiedOn), ct);

    /// <summary>Record the 処遇改善等加算 実績報告.</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.ManageFacilities)]
    [WolverinePost("/api/facilities/{id}/addons/{fiscalYear}/performance-report", OperationId = "ReportTreatmentPerformance")]
    public static Task<IResult> Report(Guid id, int fiscalYear, ReportTreatmentPerformanceRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, fiscalYear, request, year => year.ReportPerformance(request.ReportedOn, request.ImprovementPaid, request.ImprovementRequired), ct);

    /// <summary>Determine the shortfall of the 実績 (the amount to be returned).</summary>
    [Tags(Tag)]
    [Authorize(Policy = Policies.Decide)]
    [WolverinePost("/api/facilities/{id}/addons/{fiscalYear}/shortfall", OperationId = "DetermineTreatmentShortfall")]
    public static Task<IResult> Shortfall(Guid id, int fiscalYear, DetermineTreatmentShortfallRequest request, IDocumentSession session, CancellationToken ct) =>
        WriteAsync(session, id, fiscalYear, request, year => year.DetermineShortfall(request.DeterminedOn), ct);

    /// <summary>
    /// The year's stream: started by its first command (no version), then written at the version the client read (409 when stale).
    /// An unknown facility or a 年度 outside 2000–2100 is 404.
    /// </summary>
    private static async Task<IResult> WriteAsync(IDocumentSession session, Guid facilityId, int fiscalYear, IAddonYearCommand request,
        Func<AddonCertification, object> decide, CancellationToken ct)
    {
        if (fiscalYear is < 2000 or > 2100 || await session.LoadAsync<Facility>(facilityId, ct) is null) return Results.NotFound();
        var id = AddonCertification.StreamId(facilityId, fiscalYear);
        var stream = await session.Events.FetchForWriting<AddonCertification>(id, ct);
        if (stream.Aggregate is null)
        {
            if (request.Version is > 0) throw new StaleVersionException($"The 年度 {fiscalYear} 加算認定 does not exist yet: send no version.");
            var opened = AddonCertification.Open(facilityId, fiscalYear);
            var decided = decide(AddonCertification.Evolve(null, opened)!);
            stream.AppendMany(opened, decided);
            return Results.Ok(new AddonYearResponse(id, facilityId, fiscalYear, 2));
        }
        if (request.Version is not { } version)
            throw new StaleVersionException($"The 年度 {fiscalYear} 加算認定 exists (version {stream.Aggregate.Version}): send the version you read.");
        stream.Aggregate.AtVersion(version);
        stream.AppendOne(decide(stream.Aggregate));
        return Results.Ok(new AddonYearResponse(id, facilityId, fiscalYear, version + 1));
    }
}
