using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.Registry;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using KosodateShien.Application.Contracts;

namespace KosodateShien.Api.Registry;

/// <summary>
/// 個人住民税の課税情報 for one member and 年度, as the 個人住民税 system sends it. The first record of a
/// 年度 is an assessment; later ones are 税更正 and must carry <c>version</c> and <c>correctionReason</c>.
/// </summary>
/// <param name="FiscalYear">年度 (課税年度)</param>
/// <param name="IncomeLevy">所得割額 (yen)</param>
/// <param name="PerCapitaLevy">均等割額 (yen)</param>
/// <param name="NonTaxable">市町村民税非課税</param>
/// <param name="FilingType">申告区分</param>
/// <param name="AssessedOn">課税・更正の日</param>
/// <param name="CorrectionReason">税更正の理由 (required for a correction)</param>
/// <param name="Version">the tax-year version you last read (required for a correction)</param>
public sealed record TaxRecordRequest(
    Guid PersonId,
    int FiscalYear,
    long IncomeLevy,
    long PerCapitaLevy,
    bool NonTaxable,
    FilingType FilingType,
    DateOnly AssessedOn,
    string? CorrectionReason = null,
    int? Version = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.NotEmpty("personId", PersonId);
        errors.Range("fiscalYear", FiscalYear, 2000, 2100);
        errors.Range("incomeLevy", IncomeLevy, 0, 100_000_000_000);
        errors.Range("perCapitaLevy", PerCapitaLevy, 0, 1_000_000);
        errors.Optional("correctionReason", CorrectionReason, 200);
    }
}

/// <summary>The tax-year stream id and its new version.</summary>
public sealed record TaxRecordResponse(Guid Id, Guid PersonId, int FiscalYear, int Version, bool Corrected);

public static class RecordTaxRecordEndpoint
{
    /// <summary>Record a 年度's 課税情報 for a household member, or its 税更正.</summary>
    [Tags("Registry 住基・税")]
    [Authorize(Policy = Policies.EnterData)]
    [WolverinePost("/api/households/{id}/tax-records", OperationId = "RecordTaxRecord")]
    [ProducesResponseType<TaxRecordResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<TaxRecordResponse>(StatusCodes.Status200OK)]
    public static async Task<(IResult, OutgoingMessages)> Post(Guid id, TaxRecordRequest request, IDocumentSession session, CancellationToken ct)
    {
        var household = await session.LoadAsync<Household>(id, ct);
        if (household is null) return (Results.NotFound(), []);
        if (household.CurrentMember(request.PersonId) is null)
            throw new DomainRuleException("registry.not-a-member", $"Person {request.PersonId} is not a current member of household {household.HouseholdNumber}.", "personId");

        var figures = TaxFigures.Create(request.IncomeLevy, request.PerCapitaLevy, request.NonTaxable, request.FilingType);
        var streamId = TaxYear.StreamId(request.PersonId, request.FiscalYear);
        var existing = await session.Events.FetchForWriting<TaxYear>(streamId, ct);
        if (existing.Aggregate is null)
        {
            if (request.Version is > 0)
                throw new DomainRuleException("tax.no-record-to-correct", $"There is no 年度{request.FiscalYear} record to correct yet.", "version");
            existing.AppendOne(TaxYear.Assess(request.PersonId, request.FiscalYear, figures, request.AssessedOn));
            return (Results.Created($"/api/households/{id}", new TaxRecordResponse(streamId, request.PersonId, request.FiscalYear, 1, false)),
                [new TaxYearChanged(request.PersonId, request.FiscalYear)]);
        }

        if (request.Version is not { } version)
            throw new DomainRuleException("tax.year-exists", $"年度{request.FiscalYear} is already recorded (version {existing.Aggregate.Version}); send version and correctionReason to record a 税更正.", "version");
        if (version != existing.Aggregate.Version)
            throw new StaleVersionException($"Expected version {version} but the 年度{request.FiscalYear} record is at version {existing.Aggregate.Version}.");
        existing.AppendOne(existing.Aggregate.Correct(figures, request.AssessedOn, request.CorrectionReason ?? ""));
        return (Results.Ok(new TaxRecordResponse(streamId, request.PersonId, request.FiscalYear, version + 1, true)), [new TaxYearChanged(request.PersonId, request.FiscalYear)]);
    }
}
