using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>
/// Provider lookup over a fixed list, by the host's rules: exact external host (with port), else
/// the forward_domain provider with the longest cookie domain the host lies under.
/// </summary>
internal sealed class TestProviderLookup : IProviderLookup
{
    private volatile IReadOnlyList<ProviderMatch> _matches = [];

    public void Set(IReadOnlyList<ProviderMatch> matches) => _matches = matches;

    public ProviderMatch? Find(string host)
    {
        var matches = _matches;
        var exact = matches.FirstOrDefault(match => string.Equals(new Uri(match.Provider.ExternalHost).Authority, host, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var hostName = host.Split(':')[0];
        return matches
            .Where(match => match.Provider.Mode == ProxyMode.ForwardDomain && match.Provider.CookieDomain is { Length: > 0 })
            .Select(match => (Match: match, Domain: match.Provider.CookieDomain!.TrimStart('.')))
            .Where(candidate => hostName.Equals(candidate.Domain, StringComparison.OrdinalIgnoreCase)
                || hostName.EndsWith("." + candidate.Domain, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(candidate => candidate.Domain.Length)
            .Select(candidate => candidate.Match)
            .FirstOrDefault();
    }
}
