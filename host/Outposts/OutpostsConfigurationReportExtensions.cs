using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>Adds the outpost configuration's problems to the host's <see cref="ConfigurationReport"/>.</summary>
internal static class OutpostsConfigurationReportExtensions
{
    /// <summary>
    /// Adds every error and warning of <see cref="OutpostConfigValidator.Check"/> to
    /// <paramref name="report"/>. Call it only for <c>config check</c>: a serving host keeps running
    /// with outpost errors (it logs them and keeps its last valid outposts), whereas any error in
    /// the report stops the host from starting.
    /// </summary>
    /// <param name="report">The host's report.</param>
    /// <param name="configuration">The host's whole configuration.</param>
    public static void AddOutpostProblems(this ConfigurationReport report, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(report);

        var outposts = OutpostConfigValidator.Check(configuration);
        foreach (var error in outposts.Errors)
        {
            report.AddError(OutpostsOptions.SectionName, error.ToString());
        }

        foreach (var warning in outposts.Warnings)
        {
            report.AddWarning(OutpostsOptions.SectionName, warning.ToString());
        }
    }
}
