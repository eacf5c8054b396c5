using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Paths and query signatures of the outpost endpoints.</summary>
internal static class OutpostPaths
{
    public const string Start = OutpostConstants.PathPrefix + "/start";
    public const string Callback = OutpostConstants.PathPrefix + "/callback";
    public const string SignOut = OutpostConstants.PathPrefix + "/sign_out";
    public const string Ping = OutpostConstants.PathPrefix + "/ping";
    public const string AuthNginx = OutpostConstants.PathPrefix + "/auth/nginx";
    public const string AuthTraefik = OutpostConstants.PathPrefix + "/auth/traefik";
    public const string AuthCaddy = OutpostConstants.PathPrefix + "/auth/caddy";
    public const string AuthEnvoy = OutpostConstants.PathPrefix + "/auth/envoy";

    /// <summary>Query parameter that marks any URL of a provider host as the login callback.</summary>
    public const string CallbackSignature = "X-authentik-auth-callback";

    /// <summary>Query parameter that marks any URL of a provider host as sign-out.</summary>
    public const string LogoutSignature = "X-authentik-logout";

    /// <summary>Query parameter of <see cref="Start"/> naming the URL to return to after login.</summary>
    public const string RedirectParameter = "rd";

    /// <summary>Whether <paramref name="value"/> is the query signature value <c>true</c>, compared case-insensitively.</summary>
    public static bool IsSignature(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
