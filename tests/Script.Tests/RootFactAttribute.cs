using System.Runtime.InteropServices;

namespace KosodateShien.Script.Tests;

/// <summary>A fact that only means something when the tests run as root (as CI does): the script then runs PostgreSQL as the
/// <c>postgres</c> OS user, whose reach is what is tested. Skipped, with the reason, for any other user.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "runs only on Linux, as root (the ./kosodate script runs PostgreSQL as the 'postgres' OS user only then)";
        else if (geteuid() != 0) Skip = "runs only as root (as CI does): only then does ./kosodate run PostgreSQL as the 'postgres' OS user, whose reach this tests";
    }

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
