using KosodateShien.Bench;
using KosodateShien.Bench.Fees;
using KosodateShien.Bench.Measurement;
using KosodateShien.Domain.Allocation.Engine;

return args switch
{
    ["fees", .. var rest] => FeeBench.Run(rest, Console.Out, Console.Error),
    ["api", .. var rest] => KosodateShien.Bench.Api.ApiBench.Run(rest, Console.Out, Console.Error),
    ["faults", .. var rest] => KosodateShien.Bench.Faults.FaultsBench.Run(rest, Console.Out, Console.Error),
    ["collection", .. var rest] => KosodateShien.Bench.Collection.CollectionBench.Run(rest, Console.Out, Console.Error),
    ["facility-payments", .. var rest] => KosodateShien.Bench.FacilityPayments.FacilityPaymentBench.Run(rest, Console.Out, Console.Error),
    _ => BenchCli.Run(args, Console.Out, Console.Error, instance => AllocationEngine.Run(instance), new ExactEngine()),
};
