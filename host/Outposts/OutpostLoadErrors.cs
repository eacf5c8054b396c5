using Authentik.Plugins.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Finds and prints the errors that keep a command from reading the outposts. A command that plans
/// or lists outposts stops on them, because the host would otherwise fall back to the default
/// embedded outpost without providers and report that as the configuration.
/// </summary>
internal static class OutpostLoadErrors
{
    /// <summary>
    /// Returns the configuration files that are missing or not valid YAML (the host leaves such a
    /// file out, its outposts included), then every error of <see cref="OutpostConfigValidator.Check"/>.
    /// The messages read as <c>config check</c> prints them.
    /// </summary>
    /// <param name="report">The host's report, which contains the configuration file errors.</param>
    /// <param name="configuration">The host's whole configuration.</param>
    public static IReadOnlyList<ConfigurationProblem> Find(ConfigurationReport report, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(report);

        var errors = report.Errors.Where(error => error.Key == ConfigurationKeys.ConfigFile).ToList();
        errors.AddRange(OutpostConfigValidator.Check(configuration).Errors
            .Select(error => new ConfigurationProblem(OutpostsOptions.SectionName, error.ToString())));
        return errors;
    }

    /// <summary>Writes a line saying that the outposts configuration failed to load, then one line per error as <c>config check</c> prints it.</summary>
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<ConfigurationProblem> errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);

        await output.WriteLineAsync($"The outposts configuration failed to load: {errors.Count} error(s).");
        foreach (var error in errors)
        {
            await output.WriteLineAsync($"  error: {error}");
        }
    }
}
