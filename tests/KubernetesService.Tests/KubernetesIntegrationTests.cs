namespace Authentik.Plugins.KubernetesService.Tests;

/// <summary>
/// Base of the test classes that run one integration against the shared test API server, which is
/// emptied after each test.
/// </summary>
public abstract class KubernetesIntegrationTests : IClassFixture<KubernetesTestContext>, IAsyncLifetime
{
    protected KubernetesIntegrationTests(KubernetesTestContext context)
    {
        Context = context;
        Integration = KubernetesTestContext.CreateIntegration();
    }

    protected KubernetesTestContext Context { get; }

    protected KubernetesServiceIntegration Integration { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.ResetAsync();
        Integration.Dispose();
    }
}
