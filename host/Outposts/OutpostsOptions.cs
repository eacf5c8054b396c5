using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>Settings of the configuration section <c>outposts</c>, apart from the declared instances.</summary>
internal sealed class OutpostsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "outposts";

    /// <summary>Value of <see cref="Source"/> that reads outposts from <c>outposts:instances</c>.</summary>
    public const string FileSource = "file";

    /// <summary>Value of <see cref="Source"/> that reads the embedded outpost from the authentik backend.</summary>
    public const string ApiSource = "api";

    /// <summary>Where outposts and providers come from: <c>file</c> or <c>api</c>.</summary>
    [ConfigurationKeyName("source")]
    public string Source { get; set; } = FileSource;

    /// <summary>Path prefix of authentik's admin dashboard, whose first successful request sets an unset <c>authentik_host</c>.</summary>
    [ConfigurationKeyName("admin_path")]
    public string AdminPath { get; set; } = "/if/admin/";

    /// <summary>How often the running host reads <c>authentik_host</c> values from the local state, which the <c>outposts set</c> command writes.</summary>
    [ConfigurationKeyName("state_poll_interval")]
    public TimeSpan StatePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a signed-in session read from the session store is used from memory; zero reads
    /// the store on every request. A sign-out through another host sharing the store takes effect
    /// here after at most this long.
    /// </summary>
    [ConfigurationKeyName("session_cache_duration")]
    public TimeSpan SessionCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request to the authentik API may take before it is retried.</summary>
    [ConfigurationKeyName("api_timeout")]
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait after a failed authentik API request; each further failure doubles it up to <see cref="ApiRetryMaxDelay"/>.</summary>
    [ConfigurationKeyName("api_retry_delay")]
    public TimeSpan ApiRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries of the authentik API.</summary>
    [ConfigurationKeyName("api_retry_max_delay")]
    public TimeSpan ApiRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
