using Authentik.Plugins.StaticFiles.Tests.Support;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>One <see cref="StaticSite"/> served by one host, shared by the tests of a class.</summary>
public sealed class StaticSiteServerFixture : IAsyncLifetime
{
    internal StaticSite Site { get; } = new();

    internal StaticFilesHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await StaticFilesHost.StartAsync(Site.PluginSettings());

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Site.Dispose();
    }
}
