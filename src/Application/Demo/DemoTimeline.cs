namespace KosodateShien.Application.Demo;

/// <summary>
/// Dated decisions for one stream, played in date order (ties in the order they were added).
/// A decision sees the state folded so far and may return null to skip itself.
/// </summary>
internal sealed class DemoTimeline<TState> where TState : class
{
    private readonly List<(DateOnly Date, int Sequence, Func<TState, object?> Decide)> _steps = [];

    public void Add(DateOnly date, Func<TState, object?> decide) => _steps.Add((date, _steps.Count, decide));

    /// <param name="beforeEach">runs before each step with its date (e.g. the daily 満3歳 batch)</param>
    public void Play(DemoStreamBuilder<TState> stream, Action<DateOnly>? beforeEach = null)
    {
        foreach (var (date, _, decide) in _steps.OrderBy(s => s.Date).ThenBy(s => s.Sequence))
        {
            beforeEach?.Invoke(date);
            if (decide(stream.State) is { } @event) stream.Append(@event);
        }
    }
}
