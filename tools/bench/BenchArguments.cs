using System.Globalization;
using KosodateShien.Bench.Generator;

namespace KosodateShien.Bench;

/// <summary>Parsed <c>bench allocation …</c> arguments.</summary>
public sealed record BenchArguments(BenchTier Tier = BenchTier.W, int Seed = 1, bool Exact = false, int Runs = 1, string? DumpFile = null)
{
    public const string Usage = """
        usage: bench allocation [--tier S|W|M|L|XL] [--seed N] [--mode heuristic|exact] [--runs K]
               bench allocation [--tier S|W|M|L|XL] [--seed N] --dump FILE

          allocation  generate a synthetic 利用調整 instance (ALLOCATION.md §4) and run the allocation engine on it;
                      prints sizes, placements, siblings, transfers, the checker's report, phase times, peak memory
                      and a hash of the assignment
          --tier      instance size (default W): S 1,500 households / 86 facilities, W 6,000 / 250,
                      M 8,000 / 311, L 30,000 / 800, XL 100,000 / 2,000
          --seed      generator seed (default 1): the same tier and seed always give the same instance
          --mode      heuristic (default) or exact: CP-SAT, most children placed with zero blocking coalitions,
                      warm-started from the heuristic (time limit 300 s); also reports the heuristic's figures
          --runs      run the engine K times on the same instance (default 1): min and median wall time, and
                      whether the assignment hash was the same every time
          --dump      write the instance to FILE as JSON Lines, and a manifest (parameters, seed, generator
                      version, SHA-256) next to it, instead of running the engine

        exit: 0 done; 1 an IR or capacity violation, or runs disagreed; 2 bad arguments or mode not available
        """;

    /// <summary>The arguments, or the reason they are not valid.</summary>
    public static (BenchArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "allocation")
            return (null, args.Count == 0 ? "missing command" : $"unknown command '{args[0]}'");

        var parsed = new BenchArguments();
        for (var i = 1; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count) return (null, $"{name} needs a value");
            var value = args[i + 1];
            switch (name)
            {
                case "--tier" when Enum.TryParse<BenchTier>(value, ignoreCase: true, out var tier) && Enum.IsDefined(tier) && !int.TryParse(value, out _):
                    parsed = parsed with { Tier = tier };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    parsed = parsed with { Seed = seed };
                    break;
                case "--mode" when value is "heuristic" or "exact":
                    parsed = parsed with { Exact = value == "exact" };
                    break;
                case "--runs" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs >= 1:
                    parsed = parsed with { Runs = runs };
                    break;
                case "--dump" when value.Length > 0:
                    parsed = parsed with { DumpFile = value };
                    break;
                case "--tier" or "--seed" or "--mode" or "--runs" or "--dump":
                    return (null, $"invalid value '{value}' for {name}");
                default:
                    return (null, $"unknown option '{name}'");
            }
        }
        return (parsed, null);
    }
}
