using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Checks where a browser may be sent after login. Only the provider's own external host is
/// allowed, or in <see cref="ProxyMode.ForwardDomain"/> mode a host under the cookie domain on a
/// label boundary; anything else is replaced by the external host, so the outpost is never an
/// open redirect.
/// </summary>
internal static class RedirectTargets
{
    /// <summary>Returns <paramref name="requested"/> as an absolute URL when it is allowed, else the external host.</summary>
    public static string Resolve(ProviderClient client, string? requested)
    {
        var fallback = client.ExternalHost.GetLeftPart(UriPartial.Authority) + "/";
        if (string.IsNullOrEmpty(requested) || requested.Contains('\\', StringComparison.Ordinal) || requested.Any(char.IsControl))
        {
            return fallback;
        }

        Uri? target;
        if (requested.StartsWith('/'))
        {
            // "//host" and "/\host" are network-path references to another host, not paths.
            if (requested.StartsWith("//", StringComparison.Ordinal))
            {
                return fallback;
            }

            target = new Uri(client.ExternalHost, requested);
        }
        else if (!Uri.TryCreate(requested, UriKind.Absolute, out target))
        {
            return fallback;
        }

        return IsAllowed(client, target) ? target.AbsoluteUri : fallback;
    }

    /// <summary>Whether <paramref name="target"/> belongs to the provider.</summary>
    public static bool IsAllowed(ProviderClient client, Uri target)
    {
        if ((target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps) || target.UserInfo.Length > 0)
        {
            return false;
        }

        if (string.Equals(target.Scheme, client.ExternalHost.Scheme, StringComparison.Ordinal)
            && string.Equals(target.Host, client.ExternalHost.Host, StringComparison.OrdinalIgnoreCase)
            && target.Port == client.ExternalHost.Port)
        {
            return true;
        }

        return client.Provider.Mode == ProxyMode.ForwardDomain && IsUnderDomain(target.Host, client.Provider.CookieDomain);
    }

    /// <summary>Whether <paramref name="host"/> equals <paramref name="domain"/> or ends with it on a label boundary.</summary>
    public static bool IsUnderDomain(string host, string? domain)
    {
        var trimmed = domain?.TrimStart('.');
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        return string.Equals(host, trimmed, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + trimmed, StringComparison.OrdinalIgnoreCase);
    }
}
