namespace KosodateShien.Domain.Common;

/// <summary>A write model that knows the version of its stream (filled by the event store).</summary>
public interface IStreamVersioned
{
    int Version { get; }
}
