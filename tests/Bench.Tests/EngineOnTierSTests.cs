using KosodateShien.Bench.Measurement;

namespace KosodateShien.Bench.Tests;

public class EngineOnTierSTests
{
    [Fact]
    public void The_engine_places_tier_S_without_IR_or_capacity_violations()
    {
        var instance = TierS.Instance;

        var result = AllocationEngine.Run(instance);

        result.Check.IrViolations.ShouldBe(0);
        result.Check.CapacityViolations.ShouldBe(0);
        var metrics = AllocationMetrics.Of(instance, result);
        metrics.AuditIrViolations.ShouldBe(0);
        metrics.AuditCapacityViolations.ShouldBe(0);
        result.Outcomes.Count.ShouldBe(metrics.Children);
        (metrics.Placed + metrics.Unplaced + metrics.TransfersKept).ShouldBe(metrics.Children);
    }
}
