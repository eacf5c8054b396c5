using System.Globalization;
using System.Text.RegularExpressions;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Checks outposts and their providers and collects every problem at once, each naming the
/// outpost or provider, the key and the fix. <see cref="Check"/> is what <c>config check</c> prints.
/// </summary>
internal static class OutpostConfigValidator
{
    private static readonly TimeSpan RegexCheckTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Returns every problem of the <c>outposts</c> section of <paramref name="configuration"/>:
    /// its settings and, with the file source, the declared outposts and providers.
    /// </summary>
    /// <param name="configuration">The host's whole configuration.</param>
    public static OutpostValidationReport Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var options = configuration.GetSection(OutpostsOptions.SectionName).Get<OutpostsOptions>() ?? new OutpostsOptions();
        var problems = new List<OutpostProblem>(OutpostsOptionsValidator.Validate(options));
        if (string.Equals(options.Source, OutpostsOptions.FileSource, StringComparison.OrdinalIgnoreCase))
        {
            var report = FileOutpostReader.Read(configuration).Report;
            problems.AddRange(report.Errors);
            problems.AddRange(report.Warnings);
        }

        return new OutpostValidationReport(problems);
    }

    /// <summary>Adds every problem of <paramref name="outposts"/> that the typed model shows to <paramref name="problems"/>.</summary>
    /// <param name="outposts">The outposts, as read.</param>
    /// <param name="problems">Where problems are added.</param>
    public static void Validate(IReadOnlyList<OutpostConfig> outposts, ICollection<OutpostProblem> problems)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        OutpostConfig? embedded = null;
        for (var i = 0; i < outposts.Count; i++)
        {
            var outpost = outposts[i];
            var subject = OutpostProblemSubjects.Outpost(outpost.Name);
            if (!names.TryAdd(outpost.Name, i))
            {
                problems.Add(Error(subject, "name", $"name '{outpost.Name}' is also used by outpost #{(names[outpost.Name] + 1).ToString(CultureInfo.InvariantCulture)}; give each outpost a unique name."));
            }

            if (outpost.IsEmbedded)
            {
                if (embedded is not null)
                {
                    problems.Add(Error(subject, "embedded", $"outpost '{embedded.Name}' is already the embedded outpost; mark only one outpost as embedded."));
                }

                embedded ??= outpost;
            }

            ValidateOutpost(outpost, subject, problems);
        }
    }

    private static void ValidateOutpost(OutpostConfig outpost, string subject, ICollection<OutpostProblem> problems)
    {
        if (!string.Equals(outpost.Type, OutpostConstants.ProxyType, StringComparison.Ordinal))
        {
            problems.Add(Error(subject, "type", $"type '{outpost.Type}' is not supported; this host runs only outposts of type proxy."));
        }

        var settings = outpost.Settings;
        if (settings.AuthentikHost.Length > 0 && AuthentikHostUrl.Validate(settings.AuthentikHost) is { } hostProblem)
        {
            problems.Add(Error(subject, AuthentikHostUrl.Key, hostProblem));
        }

        if (!RefreshInterval.TryParse(settings.RefreshInterval, out _))
        {
            problems.Add(Error(subject, "refresh_interval", $"refresh_interval '{settings.RefreshInterval}' is not in the form {RefreshInterval.FormExample}; set it to, for example, minutes=5."));
        }

        var providerNames = new HashSet<string>(StringComparer.Ordinal);
        var hosts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cookieDomains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in outpost.Providers)
        {
            var providerSubject = OutpostProblemSubjects.Provider(provider.Name, outpost.Name);
            if (!providerNames.Add(provider.Name))
            {
                problems.Add(Error(providerSubject, "name", $"name '{provider.Name}' is used by another provider of the outpost; give each provider a unique name."));
            }

            ValidateProvider(provider, providerSubject, problems);
            if (ProviderHostTable.TryGetHostKey(provider.ExternalHost, out var host))
            {
                if (hosts.TryGetValue(host, out var owner))
                {
                    problems.Add(Error(providerSubject, "external_host", $"external_host '{provider.ExternalHost}' claims host '{host}', which provider '{owner}' already claims; give each provider of an outpost its own external_host."));
                }
                else
                {
                    hosts.Add(host, provider.Name);
                }
            }

            if (provider.Mode == ProxyMode.ForwardDomain && ProviderHostTable.NormalizeCookieDomain(provider.CookieDomain) is { Length: > 0 } domain)
            {
                if (cookieDomains.TryGetValue(domain, out var first))
                {
                    problems.Add(Warning(providerSubject, "cookie_domain", $"cookie_domain '{provider.CookieDomain}' is also used by forward_domain provider '{first}', which takes the hosts under it; give each forward_domain provider its own cookie_domain."));
                }
                else
                {
                    cookieDomains.Add(domain, provider.Name);
                }
            }
        }
    }

    private static void ValidateProvider(ProxyProviderConfig provider, string subject, ICollection<OutpostProblem> problems)
    {
        if (provider.ExternalHost.Length > 0 && !IsHttpUrl(provider.ExternalHost))
        {
            var example = provider.ExternalHost.Contains("://", StringComparison.Ordinal) ? "https://app.example.com" : "https://" + provider.ExternalHost;
            problems.Add(Error(subject, "external_host", $"external_host '{provider.ExternalHost}' is not an absolute http(s) URL; set it to the URL users open, for example {example}."));
        }

        if (provider.Mode == ProxyMode.Proxy && string.IsNullOrEmpty(provider.InternalHost))
        {
            problems.Add(Error(subject, "internal_host", "internal_host is missing; a provider in proxy mode forwards requests to it, so set it to the application's URL, for example http://app:8080, or set mode to forward_single or forward_domain."));
        }
        else if (!string.IsNullOrEmpty(provider.InternalHost) && !IsHttpUrl(provider.InternalHost))
        {
            problems.Add(Error(subject, "internal_host", $"internal_host '{provider.InternalHost}' is not an absolute http(s) URL; set it to the application's URL, for example http://app:8080."));
        }

        if (provider.Mode == ProxyMode.ForwardDomain && ProviderHostTable.NormalizeCookieDomain(provider.CookieDomain).Length == 0)
        {
            problems.Add(Error(subject, "cookie_domain", "cookie_domain is missing; a provider in forward_domain mode covers every host under it, so set it, for example to example.com."));
        }

        ValidateSkipPathRegex(provider.SkipPathRegex, subject, problems);
    }

    // authentik's outposts compile these lines as Go (RE2) expressions and skip invalid ones. This
    // host checks them as .NET expressions, whose syntax differs: .NET accepts look-arounds and
    // back-references that RE2 rejects, and rejects RE2's (?P<name>...) groups.
    private static void ValidateSkipPathRegex(string? value, string subject, ICollection<OutpostProblem> problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var lines = value.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                _ = new Regex(line, RegexOptions.None, RegexCheckTimeout);
            }
            catch (ArgumentException)
            {
                problems.Add(Warning(subject, "skip_path_regex", $"skip_path_regex line {(i + 1).ToString(CultureInfo.InvariantCulture)} '{line}' is not a valid regular expression and is ignored; fix or remove the line."));
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        uri.Host.Length > 0;

    private static OutpostProblem Error(string subject, string key, string message) => new(OutpostProblemSeverity.Error, subject, key, message);

    private static OutpostProblem Warning(string subject, string key, string message) => new(OutpostProblemSeverity.Warning, subject, key, message);
}
