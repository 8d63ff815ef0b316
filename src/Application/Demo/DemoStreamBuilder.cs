namespace KosodateShien.Application.Demo;

/// <summary>
/// Collects one stream's events and folds each through the aggregate's own <c>Evolve</c>, so the next
/// decision method sees the same state the API would load.
/// </summary>
internal sealed class DemoStreamBuilder<TState>(Guid id, Func<TState?, object, TState?> evolve) where TState : class
{
    private readonly List<object> _events = [];

    public Guid Id { get; } = id;

    public TState State => _state ?? throw new InvalidOperationException($"Stream {Id} has no events yet.");

    private TState? _state;

    public DemoStreamBuilder<TState> Append(object @event)
    {
        _state = evolve(_state, @event);
        _events.Add(@event);
        return this;
    }

    public DemoStream ToStream() => new(Id, _events.ToArray());
}
