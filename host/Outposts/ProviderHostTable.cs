using System.Collections.Frozen;
using System.Globalization;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// The hosts of the embedded outpost's providers, built once per snapshot and never changed.
/// A host matches a provider's <c>external_host</c> exactly (host and port, case-insensitively);
/// failing that, the <c>forward_domain</c> provider with the longest <c>cookie_domain</c> that the
/// host lies under wins, where "under" means equal to it or ending with <c>.</c> and the domain.
/// Two <c>forward_domain</c> providers with the same cookie domain resolve to the one listed first.
/// </summary>
internal sealed class ProviderHostTable : IProviderLookup
{
    /// <summary>A table without providers.</summary>
    public static readonly ProviderHostTable Empty = new([], []);

    private readonly FrozenDictionary<string, ProviderMatch> _hosts;
    private readonly FrozenDictionary<string, ProviderMatch>.AlternateLookup<ReadOnlySpan<char>> _hostsBySpan;
    private readonly FrozenDictionary<string, ProviderMatch> _cookieDomains;
    private readonly FrozenDictionary<string, ProviderMatch>.AlternateLookup<ReadOnlySpan<char>> _cookieDomainsBySpan;

    // Lengths of the shortest and longest cookie domain. A suffix of another length cannot equal
    // any of them, because an ordinal case-insensitive comparison only matches strings of equal length.
    private readonly int _shortestCookieDomain;
    private readonly int _longestCookieDomain;

    private ProviderHostTable(Dictionary<string, ProviderMatch> hosts, Dictionary<string, ProviderMatch> cookieDomains)
    {
        _hosts = hosts.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _hostsBySpan = _hosts.GetAlternateLookup<ReadOnlySpan<char>>();
        _cookieDomains = cookieDomains.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _cookieDomainsBySpan = _cookieDomains.GetAlternateLookup<ReadOnlySpan<char>>();
        _shortestCookieDomain = cookieDomains.Count == 0 ? 0 : cookieDomains.Keys.Min(domain => domain.Length);
        _longestCookieDomain = cookieDomains.Count == 0 ? 0 : cookieDomains.Keys.Max(domain => domain.Length);
    }

    /// <summary>Number of hosts matched exactly.</summary>
    public int HostCount => _hosts.Count;

    /// <summary>Number of cookie domains of <c>forward_domain</c> providers.</summary>
    public int CookieDomainCount => _cookieDomains.Count;

    /// <summary>
    /// Builds the table of the embedded outpost's providers. When two providers claim one host,
    /// the one listed first keeps it; validation reports the second.
    /// </summary>
    /// <param name="snapshot">The snapshot whose embedded outpost is served.</param>
    public static ProviderHostTable Build(OutpostSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        if (snapshot.Embedded is not { } outpost || outpost.Providers.Count == 0)
        {
            return Empty;
        }

        var hosts = new Dictionary<string, ProviderMatch>(StringComparer.OrdinalIgnoreCase);
        var cookieDomains = new Dictionary<string, ProviderMatch>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in outpost.Providers)
        {
            var match = new ProviderMatch(outpost, provider);
            if (TryGetHostKey(provider.ExternalHost, out var host))
            {
                hosts.TryAdd(host, match);
            }

            if (provider.Mode == ProxyMode.ForwardDomain && NormalizeCookieDomain(provider.CookieDomain) is { Length: > 0 } domain)
            {
                cookieDomains.TryAdd(domain, match);
            }
        }

        return new ProviderHostTable(hosts, cookieDomains);
    }

    /// <summary>
    /// Returns the host a request must name to match <paramref name="externalHost"/>: its host in
    /// lower case (IDN names in their ASCII form) and its port when the URL names a port other than
    /// the scheme's default, so <c>https://App.example.com:443</c> becomes <c>app.example.com</c>.
    /// </summary>
    /// <param name="externalHost">A provider's <c>external_host</c>.</param>
    /// <param name="host">The host key when the URL is an absolute http(s) URL.</param>
    public static bool TryGetHostKey(string? externalHost, out string host)
    {
        host = "";
        if (!Uri.TryCreate(externalHost, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.Host.Length == 0)
        {
            return false;
        }

        var name = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        host = uri.IsDefaultPort
            ? name.ToLowerInvariant()
            : string.Create(CultureInfo.InvariantCulture, $"{name.ToLowerInvariant()}:{uri.Port}");
        return true;
    }

    /// <summary>Returns <paramref name="cookieDomain"/> without surrounding spaces and a leading <c>.</c>, or an empty string.</summary>
    /// <param name="cookieDomain">A provider's <c>cookie_domain</c>.</param>
    public static string NormalizeCookieDomain(string? cookieDomain) => (cookieDomain ?? "").Trim().TrimStart('.');

    /// <inheritdoc />
    public ProviderMatch? Find(string host)
    {
        ArgumentNullException.ThrowIfNull(host);

        return Find(host.AsSpan());
    }

    /// <summary>Finds the provider of <paramref name="host"/> without allocating, see <see cref="Find(string)"/>.</summary>
    /// <param name="host">The effective request host, with its port when the request named one.</param>
    public ProviderMatch? Find(ReadOnlySpan<char> host)
    {
        if (_hostsBySpan.TryGetValue(host, out var match))
        {
            return match;
        }

        if (_cookieDomains.Count == 0)
        {
            return null;
        }

        // Walk the host's suffixes at label boundaries, longest first: a.b.example.com,
        // b.example.com, example.com, com. The first cookie domain found is the longest one.
        // Suffixes longer than every cookie domain are skipped, and the walk stops at the first
        // suffix shorter than all of them, so a miss costs one probe per plausible suffix.
        var name = StripPort(host);
        while (name.Length > 0 && name.Length >= _shortestCookieDomain)
        {
            if (name.Length <= _longestCookieDomain && _cookieDomainsBySpan.TryGetValue(name, out match))
            {
                return match;
            }

            var dot = name.IndexOf('.');
            if (dot < 0)
            {
                break;
            }

            name = name[(dot + 1)..];
        }

        return null;
    }

    private static ReadOnlySpan<char> StripPort(ReadOnlySpan<char> host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end < 0 ? host : host[..(end + 1)];
        }

        var colon = host.IndexOf(':');
        return colon >= 0 && colon == host.LastIndexOf(':') ? host[..colon] : host;
    }
}
