using System.Globalization;

namespace Authentik.Plugins.Outposts;

/// <summary>
/// Parses authentik's duration strings such as <c>hours=1;minutes=2;seconds=3</c>, the form of the
/// outpost key <c>refresh_interval</c>, and turns them into the interval an outpost polls at.
/// </summary>
public static class RefreshInterval
{
    /// <summary>The example of the accepted form that error messages show.</summary>
    public const string FormExample = "hours=1;minutes=2;seconds=3";

    /// <summary>Interval used when <c>refresh_interval</c> is zero or negative: 5 minutes, authentik's default.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(5);

    /// <summary>Shortest interval an outpost polls at: 30 seconds, as in authentik.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(30);

    private static readonly string[] Units = ["weeks", "days", "hours", "minutes", "seconds", "milliseconds", "microseconds"];

    /// <summary>
    /// Parses <paramref name="value"/>: one or more <c>unit=number</c> pairs separated by <c>;</c>, where
    /// unit is <c>weeks</c>, <c>days</c>, <c>hours</c>, <c>minutes</c>, <c>seconds</c>,
    /// <c>milliseconds</c> or <c>microseconds</c> (case-insensitive) and number is a decimal
    /// (<c>minutes=1.5</c>). The pairs add up.
    /// </summary>
    /// <param name="value">The configured string.</param>
    /// <param name="interval">The sum of the pairs when the string is valid.</param>
    /// <returns>Whether <paramref name="value"/> is in the accepted form.</returns>
    public static bool TryParse(string? value, out TimeSpan interval)
    {
        interval = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        double totalSeconds = 0;
        foreach (var pair in value.Split(';'))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2)
            {
                return false;
            }

            var unit = parts[0].Trim();
            if (!Units.Contains(unit, StringComparer.OrdinalIgnoreCase) ||
                !double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) ||
                !double.IsFinite(amount) ||
                amount < 0)
            {
                return false;
            }

            totalSeconds += amount * SecondsPer(unit);
        }

        if (totalSeconds > TimeSpan.MaxValue.TotalSeconds)
        {
            return false;
        }

        interval = TimeSpan.FromSeconds(totalSeconds);
        return true;
    }

    /// <summary>
    /// Returns the interval an outpost polls at for a configured interval: <see cref="Default"/>
    /// for zero, otherwise at least <see cref="Minimum"/>.
    /// </summary>
    /// <param name="configured">The parsed <c>refresh_interval</c>.</param>
    public static TimeSpan ToPollingInterval(TimeSpan configured)
    {
        if (configured <= TimeSpan.Zero)
        {
            return Default;
        }

        return configured < Minimum ? Minimum : configured;
    }

    private static double SecondsPer(string unit) => unit.ToLowerInvariant() switch
    {
        "weeks" => 7 * 24 * 3600,
        "days" => 24 * 3600,
        "hours" => 3600,
        "minutes" => 60,
        "seconds" => 1,
        "milliseconds" => 0.001,
        _ => 0.000001,
    };
}
