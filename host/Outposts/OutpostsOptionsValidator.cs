using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>Checks <see cref="OutpostsOptions"/> at start and for <c>config check</c>.</summary>
internal sealed class OutpostsOptionsValidator : IValidateOptions<OutpostsOptions>
{
    private const string Subject = "outposts";

    /// <summary>Longest session cache duration accepted; a sign-out through another host must not wait longer.</summary>
    private static readonly TimeSpan MaxSessionCacheDuration = TimeSpan.FromHours(1);

    /// <summary>Returns every problem of <paramref name="options"/>.</summary>
    /// <param name="options">The bound options.</param>
    public static IEnumerable<OutpostProblem> Validate(OutpostsOptions options)
    {
        if (!string.Equals(options.Source, OutpostsOptions.FileSource, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(options.Source, OutpostsOptions.ApiSource, StringComparison.OrdinalIgnoreCase))
        {
            yield return new(OutpostProblemSeverity.Error, Subject, "source", $"source '{options.Source}' is unknown; set outposts:source to file or api.");
        }

        if (!options.AdminPath.StartsWith('/'))
        {
            yield return new(OutpostProblemSeverity.Error, Subject, "admin_path", $"admin_path '{options.AdminPath}' does not start with '/'; set outposts:admin_path to a path such as /if/admin/.");
        }

        if (options.StatePollInterval <= TimeSpan.Zero)
        {
            yield return new(OutpostProblemSeverity.Error, Subject, "state_poll_interval", $"state_poll_interval '{options.StatePollInterval}' is not positive; set outposts:state_poll_interval to a duration such as 00:00:05.");
        }

        if (options.SessionCacheDuration < TimeSpan.Zero || options.SessionCacheDuration > MaxSessionCacheDuration)
        {
            yield return new(OutpostProblemSeverity.Error, Subject, "session_cache_duration", $"session_cache_duration '{options.SessionCacheDuration}' is not between 00:00:00 and 01:00:00; set outposts:session_cache_duration to a duration such as 00:00:10, or 00:00:00 to read sessions from the store on every request.");
        }

        if (options.ApiTimeout <= TimeSpan.Zero || options.ApiRetryDelay <= TimeSpan.Zero || options.ApiRetryMaxDelay < options.ApiRetryDelay)
        {
            yield return new(OutpostProblemSeverity.Error, Subject, "api_timeout", "api_timeout and api_retry_delay must be positive and api_retry_max_delay at least api_retry_delay; remove them to use 30 s, 1 s and 30 s.");
        }
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutpostsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = Validate(options).Select(problem => problem.ToString()).ToArray();
        return failures.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
