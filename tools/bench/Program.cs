using KosodateShien.Bench;
using KosodateShien.Bench.Measurement;
using KosodateShien.Domain.Allocation.Engine;

return BenchCli.Run(args, Console.Out, Console.Error, instance => AllocationEngine.Run(instance), new ExactEngine());
