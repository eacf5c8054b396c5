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

    public CommandOutpostLoader(IServiceProvider services)
    {
        _services = services;
    }

    /// <summary>
    /// Runs whichever outpost source is registered once: the stored <c>authentik_host</c> values,
    /// then the file or the authentik API. Without the outposts services it does nothing.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<OutpostStateSynchronizer>() is { } state)
        {
            await state.SynchronizeAsync(cancellationToken);
        }

        _services.GetService<FileOutpostSource>()?.Load();
        if (_services.GetService<ApiOutpostSource>() is { } api)
        {
            await api.RefreshOnceAsync(cancellationToken);
        }
    }
}
