using KosodateShien.Projections;
using KosodateShien.Projections.Analytics;
using Npgsql;

namespace KosodateShien.Api.Analytics;

/// <summary>
/// <c>analyst-role [NAME]</c>: creates or updates the analysts' PostgreSQL login (<see cref="AnalystRole"/>) in the database of
/// <c>ConnectionStrings:Kosodate</c>, with the password from <c>KOSODATE_ANALYST_PASSWORD</c> or a new one printed once.
/// </summary>
public static class AnalystRoleCommand
{
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (args.Length > 1 || args is [{ } first] && first.StartsWith('-'))
            return Usage($"unexpected argument '{args[^1]}'");
        var name = args is [var given] ? given : AnalystRole.DefaultName;
        var connectionString = configuration.GetConnectionString("Kosodate");
        if (string.IsNullOrWhiteSpace(connectionString)) return Usage("ConnectionStrings:Kosodate is not configured");
        var schema = configuration.GetValue("Marten:Schema", KosodateStore.DefaultSchema)!;
        var fromEnvironment = Environment.GetEnvironmentVariable(AnalystRole.PasswordVariable);
        var password = string.IsNullOrEmpty(fromEnvironment) ? AnalystRole.NewPassword() : fromEnvironment;
        try
        {
            await using var database = NpgsqlDataSource.Create(connectionString);
            await AnalystRole.ApplyAsync(database, name, password, schema, CancellationToken.None);
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }
        Console.Error.WriteLine($"analyst-role: '{name}' can read the schema {AnalyticsSchema.For(schema)} and nothing else");
        if (string.IsNullOrEmpty(fromEnvironment)) Console.WriteLine(password);
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"analyst-role: {problem}");
        Console.Error.WriteLine($"usage: analyst-role [NAME]   (default {AnalystRole.DefaultName}; password from {AnalystRole.PasswordVariable} or generated and printed once)");
        return 2;
    }
}
