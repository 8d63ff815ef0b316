using System.Globalization;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Application.Fees;
using KosodateShien.Domain.Certification;
using KosodateShien.Domain.Fees;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace KosodateShien.Api.Fees;

/// <summary>世帯: 生活保護, ひとり親, 在宅障害, and the household's summed 所得割額 (or 非課税) per 年度.</summary>
public sealed record QuoteHousehold(IReadOnlyList<HouseholdTaxYear> TaxYears, bool SingleParent = false, bool DisabledAtHome = false, bool PublicAssistance = false);

/// <summary>A child: 生年月日, 支給認定区分 ("1"/"2"/"3" or null), 保育必要量, how it uses care, and enrolment dates for 日割.</summary>
public sealed record QuoteChild(
    string Id,
    DateOnly BirthDate,
    Enrollment Enrollment,
    CertificationCategory? Certification = null,
    CareLevel? CareLevel = null,
    DateOnly? EnrolledFrom = null,
    DateOnly? EnrolledUntil = null,
    IReadOnlyList<FeeWaiver>? Waivers = null);

/// <summary>保育料試算: a month (YYYY-MM), a household and its children; nothing is stored.</summary>
/// <param name="RuleSet">the fee rule set by name ("national" by default, or the municipality's)</param>
public sealed record QuoteFeesRequest(string Month, QuoteHousehold Household, IReadOnlyList<QuoteChild> Children, string RuleSet = FeeRuleSets.National) : IValidatedRequest
{
    public void Validate(FieldErrors errors)
    {
        if (!DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add("month", "must be a month as YYYY-MM.");
        errors.Required("ruleSet", RuleSet, 50);
        if (Children.Count is 0 or > 10) errors.Add("children", "must list 1 to 10 children.");
        for (var i = 0; i < Children.Count; i++)
        {
            errors.Required($"children[{i}].id", Children[i].Id, 50);
            if (Children[i].Certification is CertificationCategory.Category2 or CertificationCategory.Category3 && Children[i].CareLevel is null)
                errors.Add($"children[{i}].careLevel", "is required for a 2号/3号 certification (standard or short).");
            foreach (var (waiver, w) in (Children[i].Waivers ?? []).Select((x, w) => (x, w)))
                if (waiver.Denominator <= 0 || waiver.Numerator < 0 || waiver.Numerator > waiver.Denominator)
                    errors.Add($"children[{i}].waivers[{w}]", "must be a share between 0 and 1 (numerator/denominator).");
        }
        if (Children.Select(c => c.Id).Distinct().Count() != Children.Count) errors.Add("children", "ids must be unique.");
        for (var i = 0; i < Household.TaxYears.Count; i++)
            errors.Range($"household.taxYears[{i}].incomeLevy", Household.TaxYears[i].IncomeLevy, 0, 100_000_000_000);
    }

    public DateOnly MonthStart => DateOnly.ParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One child's quote: 国階層, 区市町村階層, 子の順位, the base fee, each reduction, the fee due, 副食費, and the basis.</summary>
/// <param name="Fee">利用者負担額 due for the month after every reduction and 日割</param>
public sealed record QuotedChild(
    string Id,
    int NationalTier,
    string MunicipalTier,
    int? SiblingOrdinal,
    long BaseFee,
    long SiblingReduction,
    long SingleParentReduction,
    long WaiverReduction,
    long MonthlyFee,
    long Fee,
    long SideDishFee,
    bool SideDishExempt,
    FeeBasis Basis)
{
    public static QuotedChild From(ChildFee f) => new(f.ChildId, f.NationalTier, f.MunicipalTier, f.SiblingOrdinal, f.BaseFee, f.SiblingReduction,
        f.SingleParentReduction, f.WaiverReduction, f.MonthlyFee, f.Fee, f.SideDishFee, f.SideDishExempt, f.Basis);
}

/// <summary>The quote per child.</summary>
public sealed record QuoteFeesResponse(IReadOnlyList<QuotedChild> Children);

public static class QuoteFeesEndpoint
{
    /// <summary>
    /// 保育料試算 (counter-side fee simulation): the fee each child would owe for the month under the named rule set, with its
    /// 国階層, 区市町村階層, 子の順位, reductions (多子, ひとり親, 減免), 日割, 副食費 and the basis. Stores nothing.
    /// </summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.Simulate)]
    [WolverinePost("/api/fees/quote", OperationId = "QuoteFees")]
    public static async Task<QuoteFeesResponse> Post(QuoteFeesRequest request, IQuerySession session, CancellationToken ct)
    {
        var month = request.MonthStart;
        var rules = await session.FeeRulesInForceAsync(request.RuleSet, month, ct);
        var household = new FeeHousehold(request.Household.PublicAssistance, request.Household.SingleParent, request.Household.DisabledAtHome, request.Household.TaxYears);
        var children = request.Children.Select(c => new FeeChild(c.Id, c.BirthDate, c.Certification, c.CareLevel, c.Enrollment, c.EnrolledFrom, c.EnrolledUntil, c.Waivers)).ToList();
        return new QuoteFeesResponse([.. FeeEngine.Quote(rules, month, household, children).Select(QuotedChild.From)]);
    }

    /// <summary>The fee rule sets (利用者負担額の基準) and their versions.</summary>
    [Tags("Fees 利用者負担額")]
    [Authorize(Policy = Policies.ReadRules)]
    [WolverineGet("/api/fees/rule-sets", OperationId = "ListFeeRuleSets")]
    public static async Task<IReadOnlyList<FeeRuleSet>> RuleSets(IQuerySession session, CancellationToken ct) =>
        await session.Query<FeeRuleSet>().OrderBy(r => r.Name).ThenBy(r => r.Version).ToListAsync(ct);
}
