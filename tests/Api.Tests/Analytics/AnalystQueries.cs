namespace KosodateShien.Api.Tests.Analytics;

/// <summary>The example queries of the README's "Analysts' tables", word for word but for the schema (the service's is kosodate_analytics).</summary>
public static class AnalystQueries
{
    /// <summary>待機児童 (保留) by クラス年齢 for a round month.</summary>
    public static string WaitingByAgeClass(string schema) => $"""
        select o.age_class, count(distinct o.child_key) as waiting
        from {schema}.allocation_outcomes o
        where o.round_month = date '2027-04-01' and o.outcome = 'onHold' and o.wide_area is distinct from 'accepted'
        group by o.age_class
        order by o.age_class
        """;

    /// <summary>収納率 by 賦課月 for a 年度: 調定額 against 収納額 (cancelled charges owe nothing).</summary>
    public static string CollectionRateByMonth(string schema) => $"""
        select month, sum(assessed_amount)::bigint as assessed, sum(collected_amount)::bigint as collected,
               sum(written_off_amount)::bigint as written_off,
               round(100.0 * sum(collected_amount) / nullif(sum(assessed_amount), 0), 1) as rate_percent
        from {schema}.charges
        where fiscal_year = 2027 and cancelled_on is null
        group by month
        order by month
        """;
}
