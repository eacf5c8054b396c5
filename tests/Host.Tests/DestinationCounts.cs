using System.Globalization;
using System.Text.RegularExpressions;

namespace Authentik.Plugins.Host.Tests;

/// <summary>
/// Request counts per destination from the host's <c>authentik_main_request_duration_seconds</c>
/// histogram, which show which stage handled a request whatever its response.
/// </summary>
internal static partial class DestinationCounts
{
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(HttpClient client, Uri metricsUri)
    {
        var metrics = await client.GetStringAsync(new Uri(metricsUri, "/metrics"));
        return CountLine().Matches(metrics).ToDictionary(
            match => match.Groups["dest"].Value,
            match => long.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Returns the destination whose count grew past <paramref name="before"/>. The host records a
    /// request after its response is written, so the metrics are read until one count grows.
    /// </summary>
    public static async Task<string> WaitForChangeAsync(HttpClient client, Uri metricsUri, IReadOnlyDictionary<string, long> before)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var after = await ReadAsync(client, metricsUri);
            var changed = after.Where(pair => pair.Value > before.GetValueOrDefault(pair.Key)).Select(pair => pair.Key).ToList();
            if (changed.Count > 0)
            {
                return string.Join(",", changed);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return "none";
    }

    [GeneratedRegex("""^authentik_main_request_duration_seconds_count\{dest="(?<dest>[^"]+)"\} (?<count>\d+)$""", RegexOptions.Multiline)]
    private static partial Regex CountLine();
}
