using KosodateShien.Domain.Common;

namespace KosodateShien.Domain.Tests;

/// <summary>Asserts that a command is refused by a named business rule.</summary>
public static class RuleAssert
{
    public static DomainRuleException ShouldBreakRule(Action act, string rule)
    {
        var error = Should.Throw<DomainRuleException>(act);
        error.Rule.ShouldBe(rule);
        return error;
    }
}
