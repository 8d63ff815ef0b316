using System.Diagnostics;

namespace KosodateShien.Application.Collection;

/// <summary>
/// Spans for the phases of collection's bulk work (the 全銀 request file and the import of the bank's answer), so a trace,
/// or <c>bench collection</c>, can tell where the time of a 60,000-line round trip goes.
/// </summary>
public static class CollectionTracing
{
    public const string SourceName = "KosodateShien.Collection";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for one phase; null (and free) when nobody listens.</summary>
    public static Activity? Phase(string name) => Source.StartActivity(name);
}
