using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.Outposts;

namespace Authentik.Plugins.Host.Deployment;

/// <summary>
/// Loads the outposts once for a command. A command runs without the hosted services that load
/// them while the host serves, so without this the snapshot would hold only the default embedded
/// outpost.
/// </summary>
internal sealed class CommandOutpostLoader
{
    private readonly IServiceProvider _services;
    private readonly ConfigurationReport _report;
    private readonly IConfiguration _configuration;

    public CommandOutpostLoader(IServiceProvider services, ConfigurationReport report, IConfiguration configuration)
    {
        _services = services;
        _report = report;
        _configuration = configuration;
    }

    /// <summary>
    /// Checks the outposts configuration, then runs whichever outpost source is registered once:
    /// the stored <c>authentik_host</c> values, then the file or the authentik API. Without the
    /// outposts services it loads nothing.
    /// </summary>
    /// <returns>
    /// The errors of <see cref="OutpostLoadErrors.Find"/>, in which case nothing was loaded, or an
    /// empty list.
    /// </returns>
    public async Task<IReadOnlyList<ConfigurationProblem>> LoadAsync(CancellationToken cancellationToken)
    {
        var errors = OutpostLoadErrors.Find(_report, _configuration);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (_services.GetService<OutpostStateSynchronizer>() is { } state)
        {
            await state.SynchronizeAsync(cancellationToken);
        }

        _services.GetService<FileOutpostSource>()?.Load();
        if (_services.GetService<ApiOutpostSource>() is { } api)
        {
            await api.RefreshOnceAsync(cancellationToken);
        }

        return [];
    }
}
