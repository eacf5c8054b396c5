namespace Authentik.Plugins.StaticFiles;

/// <summary>Outcome of <see cref="ContentEncodingSelector.Select"/>.</summary>
/// <param name="HasSiblings">Whether the file has a precompressed sibling, chosen or not.</param>
/// <param name="Suffix">File-name suffix of the chosen sibling, or <see langword="null"/> to serve the file itself.</param>
/// <param name="ContentEncoding">Value of <c>Content-Encoding</c> for the chosen sibling.</param>
internal readonly record struct ContentEncodingSelection(bool HasSiblings, string? Suffix, string? ContentEncoding);
