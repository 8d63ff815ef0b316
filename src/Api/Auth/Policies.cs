using Microsoft.AspNetCore.Authorization;

namespace KosodateShien.Api.Auth;

/// <summary>
/// The authorization matrix. Every endpoint names exactly one of these; anything unnamed needs at
/// least a valid token (the fallback), and a test fails the build for any endpoint without a policy.
/// </summary>
public static class Policies
{
    /// <summary>Read personal records and their history: clerk, supervisor, auditor, finance.</summary>
    public const string ReadRecords = "read-records";
    /// <summary>Registry changes (住基・税 inbound) and certification data entry: clerk.</summary>
    public const string EnterData = "enter-data";
    /// <summary>Certification decisions, changes, cancellations, postponements: supervisor.</summary>
    public const string Decide = "decide";
    /// <summary>Read rule sets: every staff role.</summary>
    public const string ReadRules = "read-rules";
    /// <summary>Publish rule-set versions: admin.</summary>
    public const string ManageRules = "manage-rules";
    /// <summary>Read facilities and their seats (no personal data): every staff role.</summary>
    public const string ReadFacilities = "read-facilities";
    /// <summary>Register facilities, change 利用定員, declare 空き定員: facility-liaison.</summary>
    public const string ManageFacilities = "manage-facilities";
    /// <summary>Open, fix, run, confirm and close allocation rounds (利用調整): supervisor.</summary>
    public const string RunAllocation = "run-allocation";
    /// <summary>Allocate a self-contained what-if instance (no stored data touched): clerk, supervisor, auditor, admin.</summary>
    public const string Simulate = "simulate";
    /// <summary>Run the monthly fee determination (利用者負担額の月次決定): finance.</summary>
    public const string RunFeeJobs = "run-fee-jobs";
    /// <summary>納付管理: 調定 by hand, 更正, 取消, 収納: finance.</summary>
    public const string Collect = "collect";
    public const string ReadAccessLog = "read-access-log";
    public const string ReviewAccess = "review-access";
    public const string ReadAccessFindings = "read-access-findings";
    /// <summary>Erasures, their 消去報告書 and retention checks: supervisor, auditor.</summary>
    public const string ReadErasures = "read-erasures";

    /// <summary>The policies whose GETs read personal data: each such read states its purpose and is recorded in the access log.</summary>
    public static readonly IReadOnlySet<string> PersonalDataReads = new HashSet<string> { ReadRecords, Collect };

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [ReadRecords] = [Roles.Clerk, Roles.Supervisor, Roles.Auditor, Roles.Finance],
        [EnterData] = [Roles.Clerk],
        [Decide] = [Roles.Supervisor],
        [ReadRules] = [Roles.Clerk, Roles.Supervisor, Roles.Auditor, Roles.Admin],
        [ManageRules] = [Roles.Admin],
        [ReadFacilities] = [Roles.Clerk, Roles.Supervisor, Roles.Auditor, Roles.Admin, Roles.FacilityLiaison],
        [ManageFacilities] = [Roles.FacilityLiaison],
        [RunAllocation] = [Roles.Supervisor],
        [Simulate] = [Roles.Clerk, Roles.Supervisor, Roles.Auditor, Roles.Admin, Roles.Finance],
        [RunFeeJobs] = [Roles.Finance],
        [Collect] = [Roles.Finance],
        [ReadAccessLog] = [Roles.Auditor],
        [ReviewAccess] = [Roles.Supervisor],
        [ReadAccessFindings] = [Roles.Supervisor, Roles.Auditor],
        [ReadErasures] = [Roles.Supervisor, Roles.Auditor],
    };

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        // Deny by default: an endpoint that forgot its policy still needs a valid token.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
