namespace KosodateShien.Domain.Common;

/// <summary>
/// A business rule refused a command. <see cref="Rule"/> is a stable code clients can act on
/// (e.g. <c>certification.not-pending</c>); <see cref="Field"/> names the input at fault, if any, and
/// <see cref="AlsoFields"/> the others that together with it broke the rule.
/// The API answers it as 422 problem+json.
/// </summary>
public sealed class DomainRuleException(string rule, string message, string? field = null) : Exception(message)
{
    public string Rule { get; } = rule;
    public string? Field { get; } = field;
    public IReadOnlyList<string> AlsoFields { get; init; } = [];
}
