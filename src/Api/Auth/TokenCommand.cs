namespace KosodateShien.Api.Auth;

/// <summary><c>token --user NAME --role ROLE [--role …] [--hours H]</c>: prints a signed development token.</summary>
public static class TokenCommand
{
    public static int Run(string[] args, IConfiguration configuration)
    {
        string? user = null;
        var roles = new List<string>();
        var hours = 8.0;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user" when value is not null: user = value; i++; break;
                case "--role" when value is not null: roles.Add(value); i++; break;
                case "--hours" when value is not null && double.TryParse(value, out var h) && h > 0: hours = h; i++; break;
                default: return Usage($"unexpected argument '{args[i]}'");
            }
        }
        if (string.IsNullOrWhiteSpace(user)) return Usage("--user is required");
        if (roles.Count == 0) return Usage("at least one --role is required");
        var unknown = roles.FirstOrDefault(r => !Roles.All.Contains(r));
        if (unknown is not null) return Usage($"unknown role '{unknown}' (known: {string.Join(", ", Roles.All)})");

        Console.WriteLine(JwtSettings.From(configuration).CreateToken(user, roles, TimeSpan.FromHours(hours), DateTimeOffset.UtcNow));
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"token: {problem}");
        Console.Error.WriteLine("usage: token --user NAME --role ROLE [--role ROLE ...] [--hours H]");
        return 2;
    }
}
