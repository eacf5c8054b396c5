using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>A temporary plugin directory filled with copies of the fixture plugins under <c>tests/TestPlugins</c>.</summary>
internal sealed class TestPluginDirectory
{
    public const string Hello = "HelloPlugin";
    public const string Throwing = "ThrowingPlugin";
    public const string Incompatible = "IncompatiblePlugin";

    public string Path { get; } = Directory.CreateTempSubdirectory("authentik-plugins-test-plugins-").FullName;

    /// <summary>Copies the build output of the fixture project <paramref name="fixture"/> into the folder <paramref name="folder"/>.</summary>
    public string AddFixture(string fixture, string folder)
    {
        var source = System.IO.Path.Combine(RepositoryPaths.Root, "tests", "TestPlugins", fixture, "bin", RepositoryPaths.BuildConfiguration, "net10.0");
        if (!Directory.Exists(source))
        {
            throw new InvalidOperationException($"The fixture plugin '{fixture}' is not built at '{source}'; build tests/Host.Tests first.");
        }

        var target = AddFolder(folder);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public string AddFolder(string folder) => Directory.CreateDirectory(System.IO.Path.Combine(Path, folder)).FullName;

    public void Delete() => Directory.Delete(Path, recursive: true);
}
