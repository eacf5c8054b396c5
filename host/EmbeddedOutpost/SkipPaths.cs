using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The provider's <c>skip_path_regex</c>: one regular expression per line; a request that matches
/// one is let through without login. Lines that do not compile are ignored.
/// </summary>
internal sealed class SkipPaths
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Regex[]> _compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="url"/> is allow-listed: its path is matched in
    /// <see cref="ProxyMode.Proxy"/> and <see cref="ProxyMode.ForwardSingle"/> mode, the whole URL
    /// in <see cref="ProxyMode.ForwardDomain"/> mode.
    /// </summary>
    public bool IsSkipped(ProxyProviderConfig provider, Uri url)
    {
        if (string.IsNullOrWhiteSpace(provider.SkipPathRegex))
        {
            return false;
        }

        var subject = provider.Mode == ProxyMode.ForwardDomain ? url.AbsoluteUri : url.AbsolutePath;
        foreach (var regex in _compiled.GetOrAdd(provider.SkipPathRegex, Compile))
        {
            try
            {
                if (regex.IsMatch(subject))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow for this input does not allow the request.
            }
        }

        return false;
    }

    private static Regex[] Compile(string lines)
    {
        var result = new List<Regex>();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                result.Add(new Regex(line, RegexOptions.CultureInvariant, MatchTimeout));
            }
            catch (ArgumentException)
            {
                // Invalid lines are reported by the configuration check and ignored here.
            }
        }

        return [.. result];
    }
}
