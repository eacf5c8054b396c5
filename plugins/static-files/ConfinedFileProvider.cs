using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// A <see cref="PhysicalFileProvider"/> that also reports a file as missing when a symbolic link
/// on its path leads outside the folder, and that lists no directory contents.
/// </summary>
/// <remarks>
/// <see cref="PhysicalFileProvider"/> rejects paths that climb above its root but follows links
/// wherever they point; this provider resolves every link below the root for each request.
/// </remarks>
internal sealed class ConfinedFileProvider : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _files;
    private readonly string _realRoot;

    /// <param name="realRoot">An existing folder whose path contains no symbolic links.</param>
    public ConfinedFileProvider(string realRoot)
    {
        _realRoot = Path.TrimEndingDirectorySeparator(realRoot);
        _files = new PhysicalFileProvider(_realRoot, ExclusionFilters.Sensitive);
    }

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = _files.GetFileInfo(subpath);
        if (!file.Exists || file.PhysicalPath is null)
        {
            return file;
        }

        var relativePath = file.PhysicalPath.AsSpan(_realRoot.Length).TrimStart(Path.DirectorySeparatorChar);
        var resolvedPath = RealPath.ResolveInside(_realRoot, relativePath);
        if (resolvedPath is null)
        {
            return new NotFoundFileInfo(subpath);
        }

        // A link's own FileInfo reports the link's length and time, so serve its target's.
        return string.Equals(resolvedPath, file.PhysicalPath, StringComparison.Ordinal)
            ? file
            : new PhysicalFileInfo(new FileInfo(resolvedPath));
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    public void Dispose() => _files.Dispose();
}
