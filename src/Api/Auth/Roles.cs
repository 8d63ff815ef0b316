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
    /// <summary>Rule sets (認定基準・料金表); no personal data.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Clerk, Supervisor, Auditor, Admin];
}
