namespace KosodateShien.Api.Tests.Security;

/// <summary>Hostile route and query values: some for every parameter, the rest by the parameter's schema type and format.</summary>
public static class HostileValues
{
    private static readonly (string Label, string Value)[] Any =
    [
        ("empty", ""),
        ("blank", " "),
        ("NUL", "a\u0000b"),
        ("300 characters", new string('x', 300)),
        ("SQL injection", "'; drop table mt_events; --"),
        ("LIKE wildcards", "%_%"),
        ("a path traversal", "../../etc/passwd"),
        ("kana, emoji and bidi controls", "ヤマダ👨‍👩‍👧\u200B\u202E"),
        ("-1", "-1"),
        ("0", "0"),
        ("2147483647", "2147483647"),
        ("9999-12-31", "9999-12-31"),
    ];

    private static readonly (string Label, string Value)[] Uuid =
    [
        ("the empty GUID", Guid.Empty.ToString()),
        ("not a GUID", "not-a-guid"),
        ("a GUID in braces", "{" + Guid.NewGuid() + "}"),
        ("a GUID with a tail", Guid.NewGuid() + "x"),
    ];

    private static readonly (string Label, string Value)[] Integer =
    [
        ("99999", "99999"),
        ("1900 (the first 年度 taken)", "1900"),
        ("2999 (the last 年度 taken)", "2999"),
        ("-2147483648", "-2147483648"),
        ("2147483648 (past int)", "2147483648"),
        ("a 25-digit number", "9999999999999999999999999"),
        ("1.5", "1.5"),
        ("1e3", "1e3"),
        ("0x10", "0x10"),
        ("non-numeric", "abc"),
    ];

    private static readonly (string Label, string Value)[] Long =
    [
        ("long max", long.MaxValue.ToString()),
        ("long min", long.MinValue.ToString()),
        ("past long", "9223372036854775808"),
    ];

    private static readonly (string Label, string Value)[] Date =
    [
        ("0001-01-01", "0001-01-01"),
        ("1900-01-01 (the first date taken)", "1900-01-01"),
        ("2999-12-31 (the last date taken)", "2999-12-31"),
        ("2999-12-01", "2999-12-01"),
        ("0000-01-01", "0000-01-01"),
        ("10000-01-01", "10000-01-01"),
        ("2027-02-30", "2027-02-30"),
        ("2027-13-01", "2027-13-01"),
        ("2027-04-00", "2027-04-00"),
        ("9999-12-01", "9999-12-01"),
        ("2027-04-01T00:00:00Z", "2027-04-01T00:00:00Z"),
        ("\"yesterday\"", "yesterday"),
    ];

    private static readonly (string Label, string Value)[] Boolean = [("maybe", "maybe"), ("2", "2")];

    private static readonly (string Label, string Value)[] Text = [("an unknown word", "unknownValue"), ("a 2000-character word", new string('a', 2000))];

    public static IEnumerable<(string Label, string Value)> For(ApiParameter parameter)
    {
        var typed = (parameter.Type, parameter.Format) switch
        {
            ("string", "uuid") => Uuid,
            ("string", "date") => Date,
            ("integer", "int64") => [.. Integer, .. Long],
            ("integer", _) or ("number", _) => Integer,
            ("boolean", _) => Boolean,
            _ => Text,
        };
        // Kestrel refuses a NUL in the path itself (400) before the application sees it, and the in-memory test server
        // cannot even build such a request; in the query it reaches the application and is sent.
        return Any.Concat(typed).DistinctBy(v => v.Value).Where(v => parameter.In == "query" || !v.Value.Contains('\u0000'));
    }
}
