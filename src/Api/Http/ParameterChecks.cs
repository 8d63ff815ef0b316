using System.Collections.Concurrent;
using System.Globalization;
using Wolverine.Http;

namespace KosodateShien.Api.Http;

/// <summary>
/// Route and query values, checked by the endpoint method's parameter types before the endpoint runs, the same way for
/// every endpoint:
/// <list type="bullet">
/// <item>a query value that does not parse as its type answers 400 naming the parameter and what it takes (Wolverine's own
/// refusal, kept behind this as a backstop, names a CLR type);</item>
/// <item>a date outside <see cref="DateChecks.Earliest"/>–<see cref="DateChecks.Latest"/>, and a 年度 (a whole-number
/// parameter named <c>year</c> or <c>fiscalYear</c>) outside those years, answer 400 naming the parameter: nothing
/// behind them has to guard its date arithmetic against the ends of the calendar;</item>
/// <item>a query value the method takes as a plain value type with no default (<c>DateOnly month</c>, <c>int fiscalYear</c>)
/// is required: left out it would arrive as 0001-01-01 or 0, so it answers 400 naming the parameter (and the OpenAPI
/// document marks it required);</item>
/// <item>the empty GUID as a route id answers 404: no record has it (a stream cannot even be started with it).</item>
/// </list>
/// A route id that is not a GUID is left to Wolverine, which answers 404 (no such record); a whole number in the route that
/// does not parse answers 400 like a query value.
/// </summary>
public static class ParameterChecks
{
    private static readonly ConcurrentDictionary<HttpChain, RequestParameter[]> Plans = new();

    /// <summary>The route and query parameters of an endpoint that are parsed from text, as checked here.</summary>
    public static RequestParameter[] Of(HttpChain chain) => Plans.GetOrAdd(chain, RequestParameter.Of);

    public static IApplicationBuilder UseParameterChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<HttpChain>() is { } chain)
        {
            foreach (var parameter in Of(chain))
            {
                if (parameter.Refusal(context) is not { } refusal) continue;
                if (refusal.Status == StatusCodes.Status404NotFound)
                    await Problems.WriteAsync(context, refusal.Status, "Not Found", refusal.Message, "not-found");
                else
                    await Problems.WriteAsync(context, refusal.Status, "Invalid request", refusal.Message, "request.invalid",
                        new Dictionary<string, string[]> { [parameter.Name] = [refusal.Message] });
                return;
            }
        }
        await next(context);
    });
}

/// <summary>A route or query parameter of an endpoint method whose type is parsed from text.</summary>
public sealed record RequestParameter(string Name, Type Type, bool InRoute, bool Required = false)
{
    private static readonly Type[] Parsed = [typeof(Guid), typeof(DateOnly), typeof(int), typeof(long), typeof(bool), typeof(decimal)];

    /// <summary>
    /// The method's parameters of a parsed type, from the route when it names them and from the query otherwise; and the
    /// route values no parameter takes, which Wolverine reads as the id of the aggregate it loads (a GUID).
    /// </summary>
    public static RequestParameter[] Of(HttpChain chain)
    {
        var route = chain.RoutePattern!;
        var parameters = chain.Method.Method.GetParameters();
        var bound = parameters
            .Select(p => (p.Name, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType,
                Plain: Nullable.GetUnderlyingType(p.ParameterType) is null && !p.HasDefaultValue))
            .Where(p => Parsed.Contains(p.Type) || p.Type.IsEnum)
            .Select(p => route.GetParameter(p.Name!) is not null
                ? new RequestParameter(p.Name!, p.Type, InRoute: true)
                : new RequestParameter(p.Name!, p.Type, InRoute: false, Required: p.Plain));
        var aggregateIds = route.Parameters
            .Where(r => !parameters.Any(p => string.Equals(p.Name, r.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(r => new RequestParameter(r.Name, typeof(Guid), InRoute: true));
        return [.. bound, .. aggregateIds];
    }

    private bool IsFiscalYear => Type == typeof(int) && Name is "year" or "fiscalYear";

    /// <summary>The status and message the request is refused with, or null when the value (or its absence) is fine.</summary>
    public (int Status, string Message)? Refusal(HttpContext context)
    {
        var raw = InRoute ? context.GetRouteValue(Name) as string : context.Request.Query[Name].ToString();
        if (string.IsNullOrEmpty(raw)) return Required ? (StatusCodes.Status400BadRequest, $"{Name} is required.") : null;
        if (InRoute && Type == typeof(Guid))
            return Guid.TryParse(raw, out var id) && id == Guid.Empty ? (StatusCodes.Status404NotFound, $"No record has the empty id ({Name}).") : null;
        var problem = Problem(raw);
        return problem is null ? null : (StatusCodes.Status400BadRequest, problem);
    }

    private string? Problem(string raw)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (Type == typeof(DateOnly))
            return DateOnly.TryParse(raw, invariant, out var date) ? DateChecks.OutOfRange(date, Name) : $"{Name} must be a date (YYYY-MM-DD).";
        if (Type == typeof(int) || Type == typeof(long))
        {
            if (!long.TryParse(raw, NumberStyles.AllowLeadingSign, invariant, out var number) || Type == typeof(int) && number is < int.MinValue or > int.MaxValue)
                return $"{Name} must be a whole number.";
            return IsFiscalYear ? DateChecks.FiscalYearOutOfRange(number, Name) : null;
        }
        if (Type == typeof(Guid))
            return Guid.TryParse(raw, out _) ? null : $"{Name} must be an id (a GUID such as 0197a3c2-5b1e-7d40-9f3a-2c4e6b8d0f12).";
        if (Type == typeof(bool))
            return bool.TryParse(raw, out _) ? null : $"{Name} must be true or false.";
        if (Type == typeof(decimal))
            return decimal.TryParse(raw, NumberStyles.Number, invariant, out _) ? null : $"{Name} must be a number.";
        // An enum by its name (camelCase in the API), never by its number.
        return !char.IsAsciiDigit(raw[0]) && raw[0] != '-' && Enum.TryParse(Type, raw, ignoreCase: true, out var value) && Enum.IsDefined(Type, value)
            ? null
            : $"{Name} must be one of {string.Join(", ", Enum.GetNames(Type).Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.";
    }
}
