namespace Authentik.Plugins.TestSupport;

/// <summary>Locations inside the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder that contains <c>Authentik.Plugins.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The npm packages the tests run (<c>tests/peers/node_modules</c>), installed by the test command.</summary>
    public static string PeerModules => Path.Combine(Root, "tests", "peers", "node_modules");

    /// <summary>The host's build output for the configuration the tests were built with.</summary>
    public static string HostOutput => Path.Combine(Root, "host", "bin", BuildConfiguration, "net10.0");

    /// <summary>The host assembly, started by tests with <c>dotnet</c>.</summary>
    public static string HostAssembly => Path.Combine(HostOutput, "Authentik.Plugins.Host.dll");

    /// <summary>The host's plugin directory, filled by building the first-party plugins.</summary>
    public static string HostPluginDirectory => Path.Combine(HostOutput, "plugins");

    /// <summary>Build configuration of the test assembly, which the host was built with too.</summary>
    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Authentik.Plugins.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Authentik.Plugins.sln above '{AppContext.BaseDirectory}'; run the tests from a repository checkout.");
    }
}
