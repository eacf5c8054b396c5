using Microsoft.AspNetCore.StaticFiles;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Content types of served files: ASP.NET Core's extension table, with web-font, module,
/// source-map and WebAssembly types set, and <c>charset=utf-8</c> on text types as authentik's
/// Go server sends them.
/// </summary>
internal static class AuthentikContentTypes
{
    private const string Utf8 = "; charset=utf-8";

    /// <summary>Types that differ from, or are missing in, <see cref="FileExtensionContentTypeProvider"/>'s table.</summary>
    private static readonly (string Extension, string ContentType)[] Overrides =
    [
        (".css", "text/css" + Utf8),
        (".html", "text/html" + Utf8),
        (".htm", "text/html" + Utf8),
        (".js", "text/javascript" + Utf8),
        (".mjs", "text/javascript" + Utf8),
        (".cjs", "text/javascript" + Utf8),
        (".json", "application/json"),
        (".map", "application/json"),
        (".webmanifest", "application/manifest+json"),
        (".txt", "text/plain" + Utf8),
        (".md", "text/markdown" + Utf8),
        (".scss", "text/x-scss" + Utf8),
        (".hbs", "text/x-handlebars-template" + Utf8),
        (".xml", "text/xml" + Utf8),
        (".csv", "text/csv" + Utf8),
        (".svg", "image/svg+xml"),
        (".png", "image/png"),
        (".jpg", "image/jpeg"),
        (".jpeg", "image/jpeg"),
        (".gif", "image/gif"),
        (".webp", "image/webp"),
        (".avif", "image/avif"),
        (".ico", "image/x-icon"),
        (".woff", "font/woff"),
        (".woff2", "font/woff2"),
        (".ttf", "font/ttf"),
        (".otf", "font/otf"),
        (".eot", "application/vnd.ms-fontobject"),
        (".wasm", "application/wasm"),
        (".pdf", "application/pdf"),
        (".br", "application/x-br"),
        (".gz", "application/gzip"),
    ];

    /// <summary>Content type of files whose extension is in no table.</summary>
    public const string Default = "application/octet-stream";

    public static FileExtensionContentTypeProvider Create()
    {
        var provider = new FileExtensionContentTypeProvider();
        foreach (var (extension, contentType) in Overrides)
        {
            provider.Mappings[extension] = contentType;
        }

        return provider;
    }
}
