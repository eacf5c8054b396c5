namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Rules for the outpost key <c>authentik_host</c>: a full http(s) URL with scheme and host, an
/// optional port and no path beyond <c>/</c>. authentik itself accepts a bare hostname there and
/// then builds broken browser redirects at run time, so this host rejects it up front.
/// </summary>
internal static class AuthentikHostUrl
{
    /// <summary>The outpost configuration key.</summary>
    public const string Key = "authentik_host";

    /// <summary>Returns whether <paramref name="value"/> is a usable <c>authentik_host</c>.</summary>
    /// <param name="value">The configured value.</param>
    public static bool IsValid(string? value) => !string.IsNullOrEmpty(value) && Validate(value) is null;

    /// <summary>
    /// Returns what is wrong with a non-empty <paramref name="value"/> and the corrected form, or
    /// <see langword="null"/> when it is valid.
    /// </summary>
    /// <param name="value">The configured value.</param>
    public static string? Validate(string value)
    {
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            return $"{Key} '{value}' is not a full URL; set it to https://{value.TrimEnd('/')} (scheme and host, optional port).";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.Host.Length == 0)
        {
            return $"{Key} '{value}' is not an http(s) URL; set it to the URL browsers reach authentik at, for example https://auth.example.com.";
        }

        var origin = $"{uri.Scheme}://{uri.Authority}";
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"{Key} '{value}' has more than scheme, host and port; set it to {origin}.";
        }

        return null;
    }

    /// <summary>Returns <paramref name="value"/> without a trailing <c>/</c>, the form this host stores.</summary>
    /// <param name="value">A valid value.</param>
    public static string Normalize(string value) => value.TrimEnd('/');
}
