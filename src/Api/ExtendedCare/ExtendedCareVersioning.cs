namespace KosodateShien.Api.ExtendedCare;

/// <summary>
/// How the extended-care endpoints check the client's version: <c>[WriteAggregate(VersionSource = CheckedAfterLoad)]</c> names no
/// input, so the case is loaded without an expected version and <c>AtVersion(request.Version)</c> checks it first thing. An
/// unknown id therefore answers 404 before a version could answer 409; the commit still fails (409) if the stream moved after
/// it was read.
/// </summary>
internal static class ExtendedCareVersioning
{
    public const string CheckedAfterLoad = "versionCheckedAfterLoad";
}
