using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace KosodateShien.Projections.Analytics;

/// <summary>
/// The analysts' tables (分析用テーブル): one row per certification, application, round decision, placement, fee
/// determination and charge, keyed by pseudonyms (<see cref="Pseudonyms"/>). No names, kana, addresses, contact data,
/// bank accounts, numbers staff use (受付番号, 認定者番号, 徴収番号) or birth days: a birth month at most.
/// Facilities and allocation rounds are not personal and keep their ids.
/// </summary>
public sealed class AnalyticsTables(string schema)
{
    public string Schema { get; } = schema;

    public string Certifications => $"{Schema}.certifications";
    public string Applications => $"{Schema}.applications";
    public string AllocationRounds => $"{Schema}.allocation_rounds";
    public string AllocationOutcomes => $"{Schema}.allocation_outcomes";
    public string Placements => $"{Schema}.placements";
    public string FeeDecisions => $"{Schema}.fee_decisions";
    public string Charges => $"{Schema}.charges";

    public IReadOnlyList<string> All => [Certifications, Applications, AllocationRounds, AllocationOutcomes, Placements, FeeDecisions, Charges];

    public IEnumerable<Table> Definitions()
    {
        yield return Define("certifications", t =>
        {
            t.AddColumn("certification_key", "uuid").AsPrimaryKey();
            Columns(t, ("child_key", "uuid"), ("household_key", "uuid"), ("fiscal_year", "integer"), ("application_date", "date"), ("kind", "text"),
                ("wants_nursery_care", "boolean"), ("status", "text"), ("category", "text"), ("care_level", "text"), ("primary_reason", "text"),
                ("valid_from", "date"), ("valid_to", "date"), ("status_on", "date"), ("history_number", "integer"), ("birth_month", "date"));
        });
        yield return Define("applications", t =>
        {
            t.AddColumn("application_key", "uuid").AsPrimaryKey();
            Columns(t, ("child_key", "uuid"), ("household_key", "uuid"), ("certification_key", "uuid"), ("kind", "text"), ("application_date", "date"),
                ("desired_start_month", "date"), ("desired_facilities", "integer"), ("wide_area", "text"), ("birth_month", "date"), ("age_class", "integer"),
                ("status", "text"), ("score", "numeric"), ("criteria_version", "integer"), ("status_on", "date"));
        });
        yield return Define("allocation_rounds", t =>
        {
            t.AddColumn("round_id", "uuid").AsPrimaryKey();
            Columns(t, ("target_month", "date"), ("opened_on", "date"), ("confirmed_on", "date"), ("closed_on", "date"));
        });
        yield return Define("allocation_outcomes", t =>
        {
            Columns(t, ("application_key", "uuid"), ("child_key", "uuid"), ("household_key", "uuid"), ("round_id", "uuid"), ("round_month", "date"),
                ("outcome", "text"), ("facility_id", "uuid"), ("preference_rank", "integer"), ("age_class", "integer"), ("score", "numeric"), ("wide_area", "text"),
                ("decided_on", "date"));
        });
        yield return Define("placements", t =>
        {
            t.AddColumn("placement_key", "uuid").AsPrimaryKey();
            Columns(t, ("child_key", "uuid"), ("household_key", "uuid"), ("certification_key", "uuid"), ("application_key", "uuid"), ("facility_id", "uuid"),
                ("source", "text"), ("service_kind", "text"), ("category", "text"), ("care_level", "text"), ("starts_on", "date"), ("ends_on", "date"),
                ("status", "text"), ("age_class", "integer"), ("class_fiscal_year", "integer"), ("birth_month", "date"));
        });
        yield return Define("fee_decisions", t =>
        {
            Columns(t, ("placement_key", "uuid"), ("child_key", "uuid"), ("household_key", "uuid"), ("facility_id", "uuid"), ("month", "date"),
                ("effective_from", "date"), ("reason", "text"), ("fee", "bigint"), ("side_dish_fee", "bigint"), ("replaces", "bigint"),
                ("national_tier", "integer"), ("municipal_tier", "text"), ("fee_category", "text"), ("rule_set", "text"), ("rule_version", "integer"));
        });
        yield return Define("charges", t =>
        {
            t.AddColumn("charge_key", "uuid").AsPrimaryKey();
            Columns(t, ("payer_key", "uuid"), ("household_key", "uuid"), ("subject", "text"), ("fiscal_year", "integer"), ("assessment_fiscal_year", "integer"),
                ("month", "date"), ("due_date", "date"), ("assessed_on", "date"), ("assessed_amount", "bigint"), ("paid_amount", "bigint"),
                ("released_amount", "bigint"), ("written_off_amount", "bigint"), ("collected_amount", "bigint"), ("outstanding_amount", "bigint"),
                ("status", "text"), ("last_paid_on", "date"), ("cancelled_on", "date"), ("written_off_on", "date"));
        });
    }

    private Table Define(string name, Action<Table> columns)
    {
        var table = new Table(new PostgresqlObjectName(Schema, name, SchemaUtils.IdentifierUsage.General));
        columns(table);
        return table;
    }

    private static void Columns(Table table, params (string Name, string Type)[] columns)
    {
        foreach (var (name, type) in columns) table.AddColumn(name, type);
    }
}
