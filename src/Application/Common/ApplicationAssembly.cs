namespace KosodateShien.Application;

/// <summary>Marks this assembly for Wolverine handler discovery.</summary>
public static class ApplicationAssembly
{
    public static System.Reflection.Assembly Reference => typeof(ApplicationAssembly).Assembly;
}
