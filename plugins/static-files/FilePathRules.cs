namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Checks the file part of a request path (after the folder's prefix) before it reaches the file
/// provider. Kestrel already decodes the path and removes <c>.</c> and <c>..</c> segments; these
/// rules hold on their own in case the path arrives by another way.
/// </summary>
internal static class FilePathRules
{
    /// <summary>Longest file part served. Linux rejects longer paths (PATH_MAX 4096 bytes).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Longest segment served. Linux rejects longer file names (NAME_MAX 255 bytes).</summary>
    public const int MaxSegmentLength = 255;

    /// <summary>
    /// Returns <see cref="FilePathVerdict.Malformed"/> for backslashes, control characters
    /// (NUL included), encoded separators or dots that survived decoding (<c>%2f</c>, <c>%5c</c>,
    /// <c>%2e</c>, and so double encoding), empty segments and <c>.</c> or <c>..</c> segments;
    /// <see cref="FilePathVerdict.NotFound"/> for a trailing <c>/</c> (no directory listing),
    /// dot-prefixed names (hidden files) and overlong paths or segments.
    /// </summary>
    /// <param name="subpath">The file part, starting with <c>/</c>.</param>
    public static FilePathVerdict Check(ReadOnlySpan<char> subpath)
    {
        if (subpath.IsEmpty || subpath[0] != '/')
        {
            return FilePathVerdict.Malformed;
        }

        foreach (var character in subpath)
        {
            if (character == '\\' || char.IsControl(character))
            {
                return FilePathVerdict.Malformed;
            }
        }

        if (ContainsEncodedSeparatorOrDot(subpath))
        {
            return FilePathVerdict.Malformed;
        }

        if (subpath.Length > MaxPathLength)
        {
            return FilePathVerdict.NotFound;
        }

        if (subpath[^1] == '/')
        {
            return FilePathVerdict.NotFound;
        }

        return CheckSegments(subpath[1..]);
    }

    private static FilePathVerdict CheckSegments(ReadOnlySpan<char> path)
    {
        foreach (var range in path.Split('/'))
        {
            var segment = path[range];
            if (segment.IsEmpty || segment.SequenceEqual(".") || segment.SequenceEqual(".."))
            {
                return FilePathVerdict.Malformed;
            }

            if (segment[0] == '.' || segment.Length > MaxSegmentLength)
            {
                return FilePathVerdict.NotFound;
            }
        }

        return FilePathVerdict.Valid;
    }

    private static bool ContainsEncodedSeparatorOrDot(ReadOnlySpan<char> path)
    {
        for (var index = path.IndexOf('%'); index >= 0 && index + 2 < path.Length; index = NextPercent(path, index))
        {
            var encoded = path.Slice(index + 1, 2);
            if (encoded.Equals("2f", StringComparison.OrdinalIgnoreCase)
                || encoded.Equals("5c", StringComparison.OrdinalIgnoreCase)
                || encoded.Equals("2e", StringComparison.OrdinalIgnoreCase)
                || encoded.Equals("00", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextPercent(ReadOnlySpan<char> path, int index)
    {
        var next = path[(index + 1)..].IndexOf('%');
        return next < 0 ? -1 : index + 1 + next;
    }
}
