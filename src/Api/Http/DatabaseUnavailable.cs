using System.Net.Sockets;
using Npgsql;

namespace KosodateShien.Api.Http;

/// <summary>
/// Failures that mean PostgreSQL cannot serve right now, not that the request is wrong: it cannot be reached (connection
/// refused, reset, broken pipe, timeouts), it is starting up or recovering from a crash (57P03), it ended the connection
/// (57P01 admin shutdown, 57P02 crash shutdown, class 08) or has no connection left (53300). The API answers them 503
/// <c>service.unavailable</c> with <c>Retry-After</c>. The request most likely did not run; if the connection broke at its
/// commit it may have, so it is sent again with the same Idempotency-Key, which runs it once or answers what it answered.
/// Npgsql drops the pool's connections to a server found gone, so the service serves again by itself once PostgreSQL is back.
/// </summary>
public static class DatabaseUnavailable
{
    public const string Rule = "service.unavailable";

    /// <summary>Seconds a client should wait before sending again.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Whether the exception, or one it wraps, says the database cannot serve now.</summary>
    public static bool Is(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsCause(current)) return true;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
        }
        return false;
    }

    private static bool IsCause(Exception exception) => exception switch
    {
        ConnectionLostException => true,
        // The server answered: only its "cannot serve now" states (a deadlock or a unique violation is the request's own).
        PostgresException e => e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections || e.SqlState.StartsWith("08", StringComparison.Ordinal),
        // Npgsql's own: failed to connect, to read or to write (an IOException, SocketException or TimeoutException inside).
        NpgsqlException e => e.IsTransient,
        SocketException => true,
        _ => false,
    };

    /// <summary>
    /// The database connection a request ran on broke under it (what broke it is inside). Marten and the Idempotency-Key's
    /// transaction report a broken connection in their own words afterwards ("Connection is not open"); this says what it is.
    /// </summary>
    public sealed class ConnectionLostException(Exception cause) : Exception("The database connection was lost while the request ran.", cause);
}
