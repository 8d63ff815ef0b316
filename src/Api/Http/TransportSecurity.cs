using System.Net;

namespace KosodateShien.Api.Http;

/// <summary>
/// Where the API listens and whether it speaks TLS, read from the standard ASP.NET Core settings before the server starts:
/// the addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints:*:Url</c>, <c>ASPNETCORE_HTTP_PORTS</c>) and the
/// certificate (<c>Kestrel:Certificates:Default:Path</c>/<c>Password</c>, or <c>:Subject</c>/<c>:Store</c>, or one per endpoint).
/// Plain HTTP is refused on any address but loopback unless HTTPS is on too (plain HTTP then only redirects) or
/// <c>Http:AllowInsecureNonLoopback=true</c> says TLS ends in front of the API (development, or a TLS-terminating proxy).
/// </summary>
public sealed record TransportPlan(IReadOnlyList<string> Addresses, bool Https, bool CertificateConfigured, bool AllowInsecureNonLoopback)
{
    public const string AllowInsecureKey = "Http:AllowInsecureNonLoopback";

    /// <summary>Kestrel's address when none is configured.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    public static TransportPlan From(IConfiguration configuration)
    {
        var addresses = Split(configuration["urls"])
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .ToList();
        if (addresses.Count == 0)
            addresses.AddRange(Split(configuration["http_ports"]).Select(p => $"http://*:{p}").Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}")));
        if (addresses.Count == 0) addresses.Add(KestrelDefault);

        var certificate = HasCertificate(configuration.GetSection("Kestrel:Certificates:Default"))
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => HasCertificate(e.GetSection("Certificate")));
        return new TransportPlan(addresses, addresses.Any(IsHttps), certificate, configuration.GetValue(AllowInsecureKey, false));
    }

    /// <summary>Plain-HTTP addresses reachable from other machines.</summary>
    public IReadOnlyList<string> InsecureNonLoopback => [.. Addresses.Where(a => !IsHttps(a) && !IsLoopback(a))];

    /// <summary>Throws with what to configure when the API would serve personal data in clear text over the network.</summary>
    public void ThrowIfUnsafe()
    {
        if (CertificateConfigured && !Https)
            throw new InvalidOperationException(
                $"A TLS certificate is configured (Kestrel:Certificates) but no address is https:// (listening on {string.Join(", ", Addresses)}). " +
                "Add one, e.g. ASPNETCORE_URLS=\"https://0.0.0.0:8443;http://0.0.0.0:8080\" (plain HTTP then only redirects to HTTPS). See README, Configuration.");
        if (Https || AllowInsecureNonLoopback || InsecureNonLoopback is not { Count: > 0 } insecure) return;
        throw new InvalidOperationException(
            $"Refusing to serve plain HTTP on {string.Join(", ", insecure)}: that is not a loopback address, and personal data would cross the network unencrypted. " +
            "Configure HTTPS (Kestrel__Certificates__Default__Path and __Password, and an https:// address in ASPNETCORE_URLS; see README, Configuration), " +
            $"listen on 127.0.0.1 only, or — for development, or behind a proxy that terminates TLS on a private network — set {AllowInsecureKey.Replace(":", "__")}=true.");
    }

    private static bool HasCertificate(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section["Path"]) || !string.IsNullOrWhiteSpace(section["Subject"]);

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsHttps(string address) => address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>localhost, 127.0.0.0/8, ::1 and unix sockets; <c>*</c>, <c>+</c>, <c>0.0.0.0</c> and host names listen on every interface.</summary>
    public static bool IsLoopback(string address)
    {
        var binding = BindingAddress.Parse(address);
        if (binding.IsUnixPipe || binding.IsNamedPipe) return true;
        if (string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}

public static class TransportSecurity
{
    /// <summary>
    /// Checks the addresses (throws before anything listens), hides the <c>Server</c> header, keeps the 1 MiB body
    /// limit and, when HTTPS is on, prepares HSTS (a year; not for loopback host names).
    /// </summary>
    public static TransportPlan AddTransportSecurity(this WebApplicationBuilder builder)
    {
        var plan = TransportPlan.From(builder.Configuration);
        plan.ThrowIfUnsafe();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = RequestLimits.MaxJsonBytes;
        });
        builder.Services.AddSingleton(plan);
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            o.Preload = false;
        });
        return plan;
    }

    /// <summary>With HTTPS on: HSTS (outside Development) and a 307 from HTTP to HTTPS for every request.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<TransportPlan>().Https) return app;
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseHttpsRedirection();
        return app;
    }
}
