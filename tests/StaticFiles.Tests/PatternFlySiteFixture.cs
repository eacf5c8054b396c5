using Authentik.Plugins.StaticFiles.Tests.Support;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>
/// The <c>@patternfly/patternfly</c> npm package (installed by the test command into
/// <c>tests/peers</c>) copied into the dist folder of a served <see cref="StaticSite"/>, with a page
/// that uses its stylesheet, fonts and images.
/// </summary>
public sealed class PatternFlySiteFixture : IAsyncLifetime
{
    public const string PagePath = "/static/dist/patternfly-page.html";

    public static string PackagePath => Path.Combine(RepositoryPaths.PeerModules, "@patternfly", "patternfly");

    internal StaticSite Site { get; } = new();

    internal StaticFilesHost Host { get; private set; } = null!;

    /// <summary>Paths of the package's files relative to the package folder, with <c>/</c> separators.</summary>
    public IReadOnlyList<string> PackageFiles { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Assert.True(Directory.Exists(PackagePath), $"'{PackagePath}' is missing; run 'npm ci' in tests/peers (tests/run.sh does).");

        PackageFiles = Directory.EnumerateFiles(PackagePath, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(PackagePath, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (var file in PackageFiles)
        {
            File.Copy(Path.Combine(PackagePath, file), Path.Combine(Site.DistPath, file).CreateParent(), overwrite: true);
        }

        await File.WriteAllTextAsync(Path.Combine(Site.DistPath, "patternfly-page.html"), Page);
        Host = await StaticFilesHost.StartAsync(Site.PluginSettings());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Site.Dispose();
    }

    /// <summary>
    /// A page with PatternFly components. The stylesheets load through <c>/static/dist/</c> and pull
    /// their fonts relative to themselves; one image loads through a flow's <c>assets</c> path.
    /// </summary>
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>PatternFly through the static stage</title>
          <link rel="stylesheet" href="/static/dist/patternfly.css">
          <link rel="stylesheet" href="/static/dist/patternfly-addons.css">
        </head>
        <body>
          <div class="pf-v6-c-background-image"></div>
          <h1 class="pf-v6-c-title pf-m-2xl">Sign in</h1>
          <p class="pf-v6-c-content">Body text in Red Hat Text.</p>
          <code class="pf-v6-c-code-block__code">mono</code>
          <button class="pf-v6-c-button pf-m-primary" type="button">
            <span class="pf-v6-c-button__icon"><i class="fas fa-check" aria-hidden="true"></i></span>
            <span class="pf-v6-c-button__text">Continue</span>
          </button>
          <img alt="logo" src="/static/dist/assets/images/PF-HorizontalLogo-Color.svg">
          <img alt="connector" src="/static/dist/assets/images/FuseConnector_Icons_REST.png">
          <img alt="flow logo" src="/if/flow/default-authentication-flow/assets/images/PF-IconLogo-Reverse.svg">
        </body>
        </html>
        """;
}
