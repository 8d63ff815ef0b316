using KosodateShien.Projections.Analytics;
using Npgsql;
using static KosodateShien.Api.Tests.Analytics.AnalyticsDatabase;

namespace KosodateShien.Api.Tests.Analytics;

/// <summary>
/// The analysts' login (<see cref="AnalystRole"/>, what <c>./kosodate db analyst-role</c> runs) reads the analysts' schema and
/// is refused everything else; the README's example queries run on the tables.
/// </summary>
public sealed class AnalystRoleTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Role = "kosodate_analyst_test";
    private const string Password = "analyst-test-password-0123456789";

    private static string AsAnalyst => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = Role, Password = Password }.ConnectionString;

    private async Task CreateRole()
    {
        await using var database = NpgsqlDataSource.Create(ConnectionString);
        // Twice: the command is safe to repeat (it sets the password again).
        await AnalystRole.ApplyAsync(database, Role, Password, AppFixture.Schema, CancellationToken.None);
        await AnalystRole.ApplyAsync(database, Role, Password, AppFixture.Schema, CancellationToken.None);
    }

    [Fact]
    public async Task the_analyst_login_reads_the_analysts_tables_and_is_refused_events_documents_and_wolverine_tables()
    {
        await Truncate();
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        await Api.Charged(family.MotherId, "2027-04", 30_000);
        await CreateRole();

        var charges = await Rows($"select payer_key, assessed_amount from {Schema}.charges", AsAnalyst);
        charges.ShouldHaveSingleItem()["assessed_amount"].ShouldBe(30_000L);
        (await Rows("select count(*) as n from charges", AsAnalyst)).Single()["n"].ShouldBe(1L); // search_path is the analysts' schema

        foreach (var table in new[] { "mt_events", "mt_streams", "mt_doc_person", "mt_doc_charge", "wolverine_incoming_envelopes", "wolverine_outgoing_envelopes" })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => Rows($"select * from {AppFixture.Schema}.{table} limit 1", AsAnalyst));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, table);
        }
        var write = await Should.ThrowAsync<PostgresException>(() => Rows($"delete from {Schema}.charges", AsAnalyst));
        write.SqlState.ShouldBeOneOf(PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.ReadOnlySqlTransaction);
    }

    [Fact]
    public async Task a_table_added_later_is_readable_by_default_privileges()
    {
        await CreateRole();
        await Rows($"drop table if exists {Schema}.later_table; create table {Schema}.later_table (n integer); insert into {Schema}.later_table values (1)");
        try
        {
            (await Rows($"select n from {Schema}.later_table", AsAnalyst)).Single()["n"].ShouldBe(1);
        }
        finally
        {
            await Rows($"drop table {Schema}.later_table");
        }
    }

    [Fact]
    public void role_names_that_are_not_plain_identifiers_and_short_passwords_are_refused()
    {
        Should.Throw<ArgumentException>(() => AnalystRole.Statements("analyst\"; drop table x; --", Password, "db", "kosodate"));
        Should.Throw<ArgumentException>(() => AnalystRole.Statements("Analyst", Password, "db", "kosodate"));
        Should.Throw<ArgumentException>(() => AnalystRole.Statements(Role, "short", "db", "kosodate"));
        AnalystRole.Statements(Role, "it's-a-long-password-with-quote", "db", "kosodate")[1].ShouldContain("'it''s-a-long-password-with-quote'");
    }

    [Fact]
    public async Task the_readme_queries_give_waiting_children_by_age_class_and_the_collection_rate_by_month()
    {
        await Truncate();
        var facility = await Api.RegisteredFacility(aprilVacancies: new { age0 = 0, age1 = 1, age2 = 0, age3 = 0, age4 = 0, age5 = 0 });
        var families = new List<CertifiedFamily>();
        foreach (var birth in new[] { new DateOnly(2025, 6, 20), new DateOnly(2025, 7, 1), new DateOnly(2024, 8, 1) })
        {
            var family = await Api.CertifiedFamily(birth);
            families.Add(family);
            await Api.AppliedForPlacement(family, [facility]);
        }
        var (roundId, _, run) = await Api.RanRound();
        await Api.PostJson($"/api/allocation/rounds/{roundId}/confirm", new { runId = run.GetProperty("runId").GetGuid(), version = 3 }, 200, ApiClient.Supervisor);
        var payer = families[0].Family.MotherId;
        await Api.Charged(payer, "2027-04", 30_000);
        var may = await Api.Charged(payer, "2027-05", 20_000);
        await Api.PostJson($"/api/charges/{may}/payments", new { amount = 5_000, paidOn = TestClock.DefaultToday }, 200, ApiClient.Finance);
        await CreateRole();

        // One seat in the 1歳児 class for two 1歳 children: one waits; the 2歳 child has no seat at all.
        var waiting = await Rows(AnalystQueries.WaitingByAgeClass(Schema), AsAnalyst);
        waiting.Select(r => ((int)r["age_class"]!, (long)r["waiting"]!)).ShouldBe([(1, 1L), (2, 1L)]);
        var rates = await Rows(AnalystQueries.CollectionRateByMonth(Schema), AsAnalyst);
        rates.Select(r => (((DateTime)r["month"]!).Month, (long)r["assessed"]!, (long)r["collected"]!, (decimal)r["rate_percent"]!))
            .ShouldBe([(4, 30_000L, 0L, 0.0m), (5, 20_000L, 5_000L, 25.0m)]);
    }
}
