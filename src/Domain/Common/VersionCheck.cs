
namespace KosodateShien.Domain.Common;

public static class VersionCheck
{
    /// <summary>
    /// The write model, if the client read the version it is at; otherwise 409. Checked before any business rule, so a
    /// client working from a stale copy always learns that first (the commit checks again, for writers in flight).
    /// </summary>
    public static T AtVersion<T>(this T aggregate, int expected) where T : IStreamVersioned =>
        aggregate.Version == expected
            ? aggregate
            : throw new StaleVersionException($"Expected version {expected} but the record is at version {aggregate.Version}.");
}
