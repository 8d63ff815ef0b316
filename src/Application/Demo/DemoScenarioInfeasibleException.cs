namespace KosodateShien.Application.Demo;

/// <summary>A drawn case cannot be built for this child or family (e.g. the child is too young for it); draw another.</summary>
internal sealed class DemoScenarioInfeasibleException(string message) : Exception(message);
