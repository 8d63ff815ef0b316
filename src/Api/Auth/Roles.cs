namespace KosodateShien.Api.Auth;

/// <summary>Staff roles carried in the token's <c>role</c> claims.</summary>
public static class Roles
{
    /// <summary>窓口・認定・申込 data entry.</summary>
    public const string Clerk = "clerk";
    /// <summary>Decisions and approvals (決定・承認).</summary>
    public const string Supervisor = "supervisor";
    /// <summary>Read-only, including history (監査).</summary>
    public const string Auditor = "auditor";
    /// <summary>Rule sets (認定基準・選考基準・料金表); no personal data.</summary>
    public const string Admin = "admin";
    /// <summary>施設・事業所 data, 利用定員 and 空き定員 (事業者担当).</summary>
    public const string FacilityLiaison = "facility-liaison";

    /// <summary>利用者負担額 and collection (財務・収納).</summary>
    public const string Finance = "finance";

    /// <summary>分析担当: the analysts' tables only, through a PostgreSQL login (<c>./kosodate db analyst-role</c>); no endpoint.</summary>
    public const string Analyst = "analyst";

    public static readonly IReadOnlyList<string> All = [Clerk, Supervisor, Auditor, Admin, FacilityLiaison, Finance, Analyst];
}
