using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>
/// Binds <see cref="AuthentikOptions"/>, checks every value and parses the valid ones into
/// <see cref="HostSettings"/>. Every problem goes into the report; none stops the others from
/// being checked.
/// </summary>
internal static class HostSettingsReader
{
    private static readonly Dictionary<string, LogLevel> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
    };

    public static HostSettings Read(IConfiguration configuration, ConfigurationReport report)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(report);

        var options = configuration.Get<AuthentikOptions>() ?? new AuthentikOptions();
        var secretKey = ReadSecretKey(configuration, report);
        var http = ReadEndpoints(configuration, ConfigurationKeys.ListenHttp, report);
        var https = ReadEndpoints(configuration, ConfigurationKeys.ListenHttps, report);
        var metrics = ReadEndpoints(configuration, ConfigurationKeys.ListenMetrics, report);
        CheckPortsAreDistinct(http, https, metrics, report);

        var settings = new HostSettings
        {
            SecretKey = secretKey,
            LogLevel = ReadLogLevel(options.LogLevel, report),
            HttpEndpoints = http,
            HttpsEndpoints = https,
            MetricsEndpoints = metrics,
            TrustedProxyNetworks = ReadNetworks(configuration, report),
            BackendUrl = ReadBackendUrl(options.Backend.Url, report),
            BackendTimeout = ReadBackendTimeout(options.Backend.Timeout, report),
            DataDirectory = ReadPath(ConfigurationKeys.DataPath, options.Paths.Data, report),
            PluginDirectory = ReadPath(ConfigurationKeys.PluginsPath, options.Paths.Plugins, report),
        };
        settings = ReadTls(settings, options.Tls, report);
        CheckPluginSections(configuration, settings.PluginDirectory, report);

        if (configuration[ConfigurationKeys.SecretKey] is null)
        {
            report.AddWarning(
                ConfigurationKeys.SecretKey,
                $"not set, so the host generates a key and keeps it in '{Path.Combine(settings.DataDirectory, Security.SecretKeyStore.FileName)}'; a deployment that shares a backend must set AUTHENTIK_SECRET_KEY instead.");
        }

        return settings;
    }

    /// <summary>Returns the items of a key whose value is either one comma-separated string or a list.</summary>
    public static IReadOnlyList<string> ReadList(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } scalar
            ? scalar.Split(',')
            : section.GetChildren().Select(child => child.Value ?? "");

        return [.. values.Select(value => value.Trim()).Where(value => value.Length > 0)];
    }

    private static string? ReadSecretKey(IConfiguration configuration, ConfigurationReport report)
    {
        var value = configuration[ConfigurationKeys.SecretKey];
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            report.AddError(
                ConfigurationKeys.SecretKey,
                "is set but empty; set it to the backend's secret key, or unset it so the host generates one.");
            return null;
        }

        return value;
    }

    private static LogLevel ReadLogLevel(string? value, ConfigurationReport report)
    {
        if (value is not null && LogLevels.TryGetValue(value.Trim(), out var level))
        {
            return level;
        }

        report.AddError(ConfigurationKeys.LogLevel, $"'{value}' is not a log level; expected one of trace, debug, info, warning, error.");
        return LogLevel.Information;
    }

    private static List<IPEndPoint> ReadEndpoints(IConfiguration configuration, string key, ConfigurationReport report)
    {
        var endpoints = new List<IPEndPoint>();
        var values = ReadList(configuration, key);
        if (values.Count == 0)
        {
            report.AddError(key, $"is empty; {ListenAddress.ExpectedForm}.");
        }

        foreach (var value in values)
        {
            if (ListenAddress.TryParse(value, out var endpoint))
            {
                endpoints.Add(endpoint);
            }
            else
            {
                report.AddError(key, $"'{value}' is not a valid listen address; {ListenAddress.ExpectedForm}.");
            }
        }

        return endpoints;
    }

    private static void CheckPortsAreDistinct(
        List<IPEndPoint> http,
        List<IPEndPoint> https,
        List<IPEndPoint> metrics,
        ConfigurationReport report)
    {
        // Requests are routed to the metrics handler by their local port, so it must be unique.
        foreach (var endpoint in metrics)
        {
            if (endpoint.Port == 0)
            {
                report.AddError(ConfigurationKeys.ListenMetrics, $"'{endpoint}' has port 0; the metrics listener needs a fixed port.");
            }
            else if (http.Concat(https).Any(publicEndpoint => publicEndpoint.Port == endpoint.Port))
            {
                report.AddError(ConfigurationKeys.ListenMetrics, $"port {endpoint.Port} is also used by listen:http or listen:https; choose a port of its own.");
            }
        }

        foreach (var endpoint in https)
        {
            if (endpoint.Port != 0 && http.Any(httpEndpoint => httpEndpoint.Port == endpoint.Port))
            {
                report.AddError(ConfigurationKeys.ListenHttps, $"port {endpoint.Port} is also used by listen:http; choose a port of its own.");
            }
        }
    }

    private static List<IPNetwork> ReadNetworks(IConfiguration configuration, ConfigurationReport report)
    {
        var networks = new List<IPNetwork>();
        foreach (var value in ReadList(configuration, ConfigurationKeys.TrustedProxyCidrs))
        {
            if (!IPNetwork.TryParse(value, out var network))
            {
                report.AddError(
                    ConfigurationKeys.TrustedProxyCidrs,
                    $"'{value}' is not a valid network; expected <address>/<prefix length>, such as 10.0.0.0/8 or fe80::/10, separated by commas.");
                continue;
            }

            // A network written with host bits ("10.0.0.1/8") most likely names a different range than meant.
            var slash = value.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && IPAddress.TryParse(value.AsSpan(0, slash), out var address) && !address.Equals(network.BaseAddress))
            {
                report.AddError(
                    ConfigurationKeys.TrustedProxyCidrs,
                    $"'{value}' has bits set after the prefix; write the network address, such as {network}.");
                continue;
            }

            networks.Add(network);
        }

        return networks;
    }

    private static Uri ReadBackendUrl(string? value, ConfigurationReport report)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.Query.Length == 0
            && url.Fragment.Length == 0)
        {
            return url;
        }

        report.AddError(ConfigurationKeys.BackendUrl, $"'{value}' is not a valid backend URL; expected an absolute http or https URL without query, such as http://localhost:8000.");
        return new Uri("http://localhost:8000");
    }

    private static TimeSpan ReadBackendTimeout(string? value, ConfigurationReport report)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 86400)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        report.AddError(ConfigurationKeys.BackendTimeout, $"'{value}' is not a valid timeout; expected whole seconds from 1 to 86400, such as 100.");
        return TimeSpan.FromSeconds(100);
    }

    private static string ReadPath(string key, string? value, ConfigurationReport report)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Path.GetFullPath(value);
        }

        report.AddError(key, "is empty; expected a directory path.");
        return Path.GetFullPath(".");
    }

    private static HostSettings ReadTls(HostSettings settings, TlsOptions tls, ConfigurationReport report)
    {
        var certificate = string.IsNullOrWhiteSpace(tls.Certificate) ? null : Path.GetFullPath(tls.Certificate);
        var key = string.IsNullOrWhiteSpace(tls.Key) ? null : Path.GetFullPath(tls.Key);
        if (certificate is null && key is null)
        {
            return settings;
        }

        if (certificate is null || key is null)
        {
            var missing = certificate is null ? ConfigurationKeys.TlsCertificate : ConfigurationKeys.TlsKey;
            report.AddError(missing, "is empty while the other TLS file is set; set both tls:certificate and tls:key to PEM files, or neither for a self-signed certificate.");
            return settings;
        }

        var valid = CheckFileExists(ConfigurationKeys.TlsCertificate, certificate, report)
            & CheckFileExists(ConfigurationKeys.TlsKey, key, report);
        if (!valid)
        {
            return settings;
        }

        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certificate, key);
        }
        catch (CryptographicException exception)
        {
            report.AddError(
                ConfigurationKeys.TlsCertificate,
                $"'{certificate}' with key '{key}' could not be loaded ({exception.Message}); expected a PEM certificate and its matching PEM private key.");
            return settings;
        }

        return settings with { TlsCertificatePath = certificate, TlsKeyPath = key };
    }

    private static bool CheckFileExists(string key, string path, ConfigurationReport report)
    {
        if (File.Exists(path))
        {
            return true;
        }

        report.AddError(key, $"the file '{path}' does not exist; expected a PEM file.");
        return false;
    }

    private static void CheckPluginSections(IConfiguration configuration, string pluginDirectory, ConfigurationReport report)
    {
        // Environment variables offer each plugin section under two names (with "_" and with "-"),
        // so a bad value is reported once per spelling-independent folder name.
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in configuration.GetSection(ConfigurationKeys.Plugins).GetChildren())
        {
            var enabled = plugin[ConfigurationKeys.PluginEnabled];
            if (enabled is not null && !bool.TryParse(enabled, out _) && reported.Add(plugin.Key.Replace('_', '-')))
            {
                report.AddError(
                    $"{ConfigurationKeys.Plugins}:{plugin.Key}:{ConfigurationKeys.PluginEnabled}",
                    $"'{enabled}' is not a boolean; expected true or false.");
            }
        }

        if (!Directory.Exists(pluginDirectory))
        {
            report.AddWarning(ConfigurationKeys.PluginsPath, $"the directory '{pluginDirectory}' does not exist, so no plugins are loaded.");
        }
    }
}
