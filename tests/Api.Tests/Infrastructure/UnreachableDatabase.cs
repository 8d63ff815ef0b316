using System.Net;
using System.Net.Sockets;

namespace KosodateShien.Api.Tests.Infrastructure;

/// <summary>A PostgreSQL connection string that cannot connect: a loopback port nothing listens on (bound by the system, then let go).</summary>
public static class UnreachableDatabase
{
    public static string ConnectionString()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=kosodate;Timeout=2;Pooling=false";
    }
}
