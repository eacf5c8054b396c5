namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Resolves symbolic links in absolute paths, like POSIX <c>realpath</c>, with managed file-system
/// calls only.
/// </summary>
internal static class RealPath
{
    /// <summary>Most links followed while resolving one path, as Linux's ELOOP limit (40).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// Returns <paramref name="fullPath"/> with every symbolic link in it resolved, or
    /// <see langword="null"/> when a link loops or nests deeper than 40 links. Components that do
    /// not exist are kept as they are.
    /// </summary>
    /// <param name="fullPath">An absolute path.</param>
    public static string? Resolve(string fullPath)
    {
        var linksLeft = MaxLinks;
        return Resolve(Path.GetPathRoot(fullPath) ?? "/", fullPath, ref linksLeft);
    }

    /// <summary>
    /// Resolves every link on <paramref name="relativePath"/> below <paramref name="realRoot"/>
    /// and returns the resulting path, or <see langword="null"/> when it leads outside
    /// <paramref name="realRoot"/> or a link loops.
    /// </summary>
    /// <param name="realRoot">A folder whose path contains no links, without a trailing separator.</param>
    /// <param name="relativePath">Path below <paramref name="realRoot"/>, segments separated by <c>/</c>.</param>
    public static string? ResolveInside(string realRoot, ReadOnlySpan<char> relativePath)
    {
        var linksLeft = MaxLinks;
        var resolved = Walk(realRoot, relativePath, ref linksLeft);

        return resolved is not null && IsInside(realRoot, resolved) ? resolved : null;
    }

    /// <summary>Returns whether <paramref name="path"/> is <paramref name="realRoot"/> or below it.</summary>
    public static bool IsInside(string realRoot, string path) =>
        path.Length > realRoot.Length
            ? path.StartsWith(realRoot, StringComparison.Ordinal) && path[realRoot.Length] == Path.DirectorySeparatorChar
            : string.Equals(path, realRoot, StringComparison.Ordinal);

    private static string? Resolve(string start, string fullPath, ref int linksLeft) =>
        Walk(start, fullPath.AsSpan(Path.GetPathRoot(fullPath)?.Length ?? 0), ref linksLeft);

    private static string? Walk(string start, ReadOnlySpan<char> relativePath, ref int linksLeft)
    {
        var current = start;
        foreach (var range in relativePath.Split(Path.DirectorySeparatorChar))
        {
            var segment = relativePath[range];
            if (segment.IsEmpty || segment.SequenceEqual("."))
            {
                continue;
            }

            if (segment.SequenceEqual(".."))
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Join(current, segment);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (--linksLeft < 0)
            {
                return null;
            }

            var targetPath = Path.GetFullPath(target, current);
            var resolved = Resolve(Path.GetPathRoot(targetPath) ?? "/", targetPath, ref linksLeft);
            if (resolved is null)
            {
                return null;
            }

            current = resolved;
        }

        return current;
    }
}
