using System.Security.Claims;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.FacilityPayments;
using KosodateShien.Domain.Common;
using KosodateShien.Domain.FacilityPayments;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.FacilityPayments;

/// <summary>
/// A new version of the 公定価格 単価表 with its 加算・減算 catalogue. Versions are never edited: a 告示 revision is published as a
/// new version (with an 適用開始日 after the latest one), and months from that day are priced with it.
/// </summary>
/// <param name="EffectiveFrom">適用開始日</param>
/// <param name="Notice">告示番号, or where the numbers come from</param>
/// <param name="Sample">true for ILLUSTRATIVE numbers (demos, training), never the national table</param>
/// <param name="Rows">単価表 rows: 施設類型 × 地域区分 × 定員区分 × 年齢区分 × 保育必要量 (and 1号)</param>
/// <param name="Catalogue">加算・減算 items: kind, 日割対象, 減算対象, amounts</param>
public sealed record PublishPublicPriceTableRequest(DateOnly EffectiveFrom, string Notice, string Description, bool Sample, IReadOnlyList<PriceTableRow> Rows,
    IReadOnlyList<CatalogueItem>? Catalogue = null) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        errors.Required("notice", Notice, 200);
        errors.Required("description", Description, 500);
        if (Rows is null || Rows.Count > 5000) { errors.Add("rows", "must list 1 to 5000 rows."); return; }
        if ((Catalogue ?? []).Count > 200) { errors.Add("catalogue", "must list at most 200 items."); return; }
        if (Rows.Any(r => r is null) || (Catalogue ?? []).Any(c => c is null)) { errors.Add("rows", "must not contain nulls."); return; }
        foreach (var (field, message) in Draft(0, null, null).Problems()) errors.Add(field, message);
    }

    public PublicPriceTable Draft(int version, string? publishedBy, DateTimeOffset? publishedAt) =>
        new(PublicPriceTable.DocumentId(version), version, EffectiveFrom, Notice.Trim(), Description.Trim(), Sample, Rows, Catalogue ?? [], publishedBy, publishedAt);
}

/// <summary>The published version (単価表 履歴番号) and its 適用開始日.</summary>
public sealed record PublicPriceTablePublished(string Id, int Version, DateOnly EffectiveFrom) : CreationResponse("/api/facility-payments/price-tables");

public static class PublicPriceTableEndpoints
{
    /// <summary>All versions of the 公定価格 単価表, oldest first (a table marked sample is ILLUSTRATIVE).</summary>
    [Tags("FacilityPayments 給付費")]
    [Authorize(Policy = Policies.ReadRules)]
    [WolverineGet("/api/facility-payments/price-tables", OperationId = "ListPublicPriceTables")]
    public static Task<IReadOnlyList<PublicPriceTable>> List(IQuerySession session, CancellationToken ct) => session.PublicPriceTableVersionsAsync(ct);

    /// <summary>Publish a new version of the 公定価格 単価表; months from its 適用開始日 are priced with it.</summary>
    [Tags("FacilityPayments 給付費")]
    [Authorize(Policy = Policies.ManageRules)]
    [WolverinePost("/api/facility-payments/price-tables", OperationId = "PublishPublicPriceTable")]
    public static async Task<PublicPriceTablePublished> Publish(PublishPublicPriceTableRequest request, IDocumentSession session, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var table = request.Draft(RuleSetVersions.NextVersion(await session.PublicPriceTableVersionsAsync(ct), request.EffectiveFrom), user.Identity?.Name,
            clock.GetUtcNow());
        session.Insert(table);
        return new PublicPriceTablePublished(table.Id, table.Version, table.EffectiveFrom);
    }
}
