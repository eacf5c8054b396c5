namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// A precompressed sibling (<c>.br</c> or <c>.gz</c>) chosen in place of the requested file,
/// stored as an <c>HttpContext</c> feature while the file is served so that the response gets
/// the original file's type and a <c>Content-Encoding</c>.
/// </summary>
/// <param name="ContentEncoding">Value of <c>Content-Encoding</c>: <c>br</c> or <c>gzip</c>.</param>
/// <param name="ContentType">Content type of the uncompressed file.</param>
internal sealed record PrecompressedVariant(string ContentEncoding, string ContentType);
