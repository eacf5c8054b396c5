namespace Authentik.Plugins.StaticFiles.Tests.Support;

internal static class DateTimeExtensions
{
    /// <summary>Drops the fraction of a second, which HTTP dates do not carry.</summary>
    public static DateTime TruncateToSeconds(this DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Kind);
}
