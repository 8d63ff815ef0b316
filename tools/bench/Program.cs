using KosodateShien.Bench;
using KosodateShien.Bench.Fees;
using KosodateShien.Bench.Measurement;
using KosodateShien.Domain.Allocation.Engine;

return args is ["fees", .. var rest]
    ? FeeBench.Run(rest, Console.Out, Console.Error)
    : BenchCli.Run(args, Console.Out, Console.Error, instance => AllocationEngine.Run(instance), new ExactEngine());
