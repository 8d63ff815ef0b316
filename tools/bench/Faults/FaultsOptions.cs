using System.Globalization;

namespace KosodateShien.Bench.Faults;

/// <summary>Options of <c>bench faults</c>.</summary>
public sealed record FaultsOptions(
    string Only = FaultsOptions.All,
    int Connections = 16,
    int Payments = 1_500,
    int Kills = 2,
    int Children = 8_000,
    int Dunnings = 2_000,
    int Parallel = 50,
    int Placements = 200,
    int Places = 10)
{
    public const string All = "abcde";

    public const string Usage = """
        usage: bench faults [--only a,b,c,d,e] [--connections C] [--payments N] [--kills K] [--children N] [--dunnings N]
                            [--parallel N] [--placements N] [--places P]
          faults  faults injected into the service (its Release build in its own process, Production settings) on a PostgreSQL
                  cluster of the bench's own (initdb into /tmp/kosodate-faults-*, a free port on 127.0.0.1, its own unix socket,
                  fsync and synchronous_commit on; removed at the end), loopback only. Clients send every command with an
                  Idempotency-Key and send it again after a connection error, timeout, 5xx or 409 idempotency.in-progress until
                  answered; their ledger is checked against the event store.
            (a) kill -9 PostgreSQL K times (default 2) during N payments on distinct charges (1,500) over C connections (16);
                down 3 s each, then pg_ctl start (crash recovery); the service is not restarted
            (b) the same with kill -9 of the API process, restarted on the same port after 1 s
            (c) kill -9 the API a moment into the month's fee run (POST /api/fees/monthly-runs) over a synthetic ward of N
                children (8,000), and into a 督促 run (POST /api/dunning-runs) over N charges past 納期限 (2,000); restart,
                the client's retry runs it again; every placement has one fee determination for the month, every charge one 督促
            (d) N parallel corrections (default 50) of one charge, all with the same version: 1 succeeds, N-1 get 409,
                versions stay contiguous
            (e) N parallel placements (200) of 1歳児 into a facility whose 1歳児 class has P free places (10): exactly P
                accepted, never more accepted or stored, the others refused 422 placement.class-full (利用定員)
          Prints per scenario the faults injected, commands sent, acknowledged, present, duplicated, lost and the recovery
          time, then one target line each; exit 1 if a check fails, 2 on bad arguments.
        """;

    public static (FaultsOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new FaultsOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) return (null, $"{name} needs a value");
            var value = args[++i];
            if (name == "--only")
            {
                var letters = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (letters.Length == 0 || letters.Any(l => l.Length != 1 || !All.Contains(l[0]))) return (null, $"--only takes letters of {string.Join(',', All.ToCharArray())}, got '{value}'");
                options = options with { Only = string.Concat(letters.Distinct().OrderBy(l => l)) };
                continue;
            }
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1) return (null, $"{name} needs a positive number, got '{value}'");
            switch (name)
            {
                case "--connections": options = options with { Connections = number }; break;
                case "--payments": options = options with { Payments = number }; break;
                case "--kills": options = options with { Kills = number }; break;
                case "--children": options = options with { Children = number }; break;
                case "--dunnings": options = options with { Dunnings = number }; break;
                case "--parallel" when number >= 2: options = options with { Parallel = number }; break;
                case "--placements": options = options with { Placements = number }; break;
                case "--places": options = options with { Places = number }; break;
                case "--parallel": return (null, "--parallel needs at least 2");
                default: return (null, $"unknown option '{name}'");
            }
        }
        return (options, null);
    }

    public bool Runs(char scenario) => Only.Contains(scenario);
}
