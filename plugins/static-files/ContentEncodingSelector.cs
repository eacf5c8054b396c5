using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Chooses a precompressed sibling of a requested file (<c>name.br</c>, then <c>name.gz</c>)
/// that the client's <c>Accept-Encoding</c> allows.
/// </summary>
internal static class ContentEncodingSelector
{
    private static readonly (string Suffix, string ContentEncoding)[] Siblings =
    [
        (".br", "br"),
        (".gz", "gzip"),
    ];

    /// <summary>
    /// Looks for precompressed siblings of <paramref name="subpath"/> and returns the suffix and
    /// encoding of the one to serve, if any, and whether any sibling exists (so the response
    /// varies by <c>Accept-Encoding</c>).
    /// </summary>
    public static ContentEncodingSelection Select(HttpRequest request, IFileProvider files, string subpath)
    {
        var hasSiblings = false;
        (string Suffix, string ContentEncoding)? chosen = null;
        var chosenQuality = 0.0;
        var acceptEncoding = request.Headers.AcceptEncoding;

        foreach (var sibling in Siblings)
        {
            if (!files.GetFileInfo(subpath + sibling.Suffix).Exists)
            {
                continue;
            }

            hasSiblings = true;
            var quality = QualityOf(acceptEncoding, sibling.ContentEncoding);
            if (quality > chosenQuality)
            {
                chosen = sibling;
                chosenQuality = quality;
            }
        }

        return chosen is { } selected
            ? new ContentEncodingSelection(true, selected.Suffix, selected.ContentEncoding)
            : new ContentEncodingSelection(hasSiblings, null, null);
    }

    /// <summary>
    /// Returns the quality the client gives <paramref name="encoding"/>: its own entry, else the
    /// <c>*</c> entry, else 0. A missing or malformed header allows no encoding.
    /// </summary>
    private static double QualityOf(Microsoft.Extensions.Primitives.StringValues acceptEncoding, string encoding)
    {
        if (acceptEncoding.Count == 0
            || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var entries))
        {
            return 0;
        }

        double? wildcard = null;
        foreach (var entry in entries)
        {
            var quality = entry.Quality ?? 1;
            if (entry.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase))
            {
                return quality;
            }

            if (entry.Value.Equals("*", StringComparison.Ordinal))
            {
                wildcard = quality;
            }
        }

        return wildcard ?? 0;
    }
}
