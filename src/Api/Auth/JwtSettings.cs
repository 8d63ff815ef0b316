using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KosodateShien.Api.Auth;

/// <summary>
/// Token settings from configuration (<c>Auth:SigningKey</c> base64, <c>Auth:Issuer</c>, <c>Auth:Audience</c>).
/// The development key is generated per clone by <c>./kosodate</c> and never committed.
/// </summary>
public sealed record JwtSettings(byte[] SigningKey, string Issuer, string Audience)
{
    public const string NameClaim = "name";
    public const string RoleClaim = "role";

    public static JwtSettings From(IConfiguration configuration)
    {
        var key = configuration["Auth:SigningKey"];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException("Auth:SigningKey is not configured (base64, at least 32 bytes). ./kosodate sets it from .kosodate/dev-signing-key.");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(key); }
        catch (FormatException) { throw new InvalidOperationException("Auth:SigningKey must be base64."); }
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (256 bits).");
        return new JwtSettings(bytes, configuration["Auth:Issuer"] ?? "kosodate-shien", configuration["Auth:Audience"] ?? "kosodate-shien-api");
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = new SymmetricSecurityKey(SigningKey),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromMinutes(1),
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
    };

    public string CreateToken(string userName, IEnumerable<string> roles, TimeSpan lifetime, DateTimeOffset now)
    {
        var claims = new List<Claim> { new(NameClaim, userName), new(JwtRegisteredClaimNames.Sub, userName) };
        claims.AddRange(roles.Select(r => new Claim(RoleClaim, r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
