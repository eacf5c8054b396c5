using System.IO.Compression;
using System.Text;

namespace Authentik.Plugins.StaticFiles.Tests.Support;

/// <summary>
/// A temporary folder tree with the four static folders, a folder outside them holding a secret,
/// and symbolic links that lead out of the dist folder.
/// </summary>
internal sealed class StaticSite : IDisposable
{
    /// <summary>Text of the file outside every served folder; no response may contain it.</summary>
    public const string SecretMarker = "secret-outside-the-static-root";

    public const string StyleSheet = "body { color: #123456; }\n/* padding so that compression pays off */\n";

    public const string MediaSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>";

    public StaticSite()
    {
        RootPath = Directory.CreateTempSubdirectory("static-files-tests-").FullName;
        DistPath = CreateFolder("web", "dist");
        AuthentikPath = CreateFolder("web", "authentik");
        MediaPath = CreateFolder("media");
        HelpPath = CreateFolder("website", "help");
        OutsidePath = CreateFolder("outside");
        LargeFile = new byte[1024 * 1024];
        new Random(20250801).NextBytes(LargeFile);

        File.WriteAllText(Path.Combine(OutsidePath, "secret.txt"), SecretMarker);
        WriteDist("css/app.css", StyleSheet);
        WriteCompressedSiblings("css/app.css", StyleSheet);
        WriteDist("css/plain.css", StyleSheet);
        File.WriteAllBytes(Path.Combine(DistPath, "css", "orphan.css.gz"), Gzip(StyleSheet));
        WriteDist("js/module.mjs", "export const answer = 42;\n");
        WriteDist("js/app.js", "console.log('app');\n");
        WriteDist("js/app.js.map", "{\"version\":3,\"sources\":[],\"mappings\":\"\"}");
        WriteDist("fonts/text.woff2", "wOF2 not a real font");
        WriteDist("wasm/module.wasm", "\0asm");
        WriteDist("data/config.json", "{\"a\":1}");
        WriteDist("images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        WriteDist("files/blob.xyz", "unknown type");
        WriteDist("assets/icons/icon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>icon</title></svg>");
        WriteDist(".hidden.txt", "hidden");
        Directory.CreateDirectory(Path.Combine(DistPath, "folder"));
        File.WriteAllBytes(Path.Combine(DistPath, "large.bin"), LargeFile);

        File.CreateSymbolicLink(Path.Combine(DistPath, "link-to-secret.txt"), Path.Combine("..", "..", "outside", "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(DistPath, "absolute-link-to-secret.txt"), Path.Combine(OutsidePath, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(DistPath, "link-to-outside"), OutsidePath);
        File.CreateSymbolicLink(Path.Combine(DistPath, "link-inside.css"), Path.Combine("css", "app.css"));

        File.WriteAllText(Path.Combine(AuthentikPath, "sources", "source.svg").CreateParent(), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        File.WriteAllText(Path.Combine(MediaPath, "upload.svg"), MediaSvg);
        File.WriteAllText(Path.Combine(HelpPath, "index.html"), "<!doctype html><title>help</title>");
    }

    public string RootPath { get; }

    public string DistPath { get; }

    public string AuthentikPath { get; }

    public string MediaPath { get; }

    public string HelpPath { get; }

    public string OutsidePath { get; }

    public byte[] LargeFile { get; }

    /// <summary>Settings of the plugin's section that point it at this site, keyed by setting name.</summary>
    public Dictionary<string, string?> PluginSettings() => new()
    {
        ["dist_path"] = DistPath,
        ["authentik_path"] = AuthentikPath,
        ["media_path"] = MediaPath,
        ["help_path"] = HelpPath,
    };

    public static byte[] Brotli(string text) => Compress(text, stream => new BrotliStream(stream, CompressionLevel.SmallestSize));

    public static byte[] Gzip(string text) => Compress(text, stream => new GZipStream(stream, CompressionLevel.SmallestSize));

    public void Dispose() => Directory.Delete(RootPath, recursive: true);

    private void WriteDist(string relativePath, string content) =>
        File.WriteAllText(Path.Combine(DistPath, relativePath).CreateParent(), content);

    private void WriteCompressedSiblings(string relativePath, string content)
    {
        File.WriteAllBytes(Path.Combine(DistPath, relativePath + ".br"), Brotli(content));
        File.WriteAllBytes(Path.Combine(DistPath, relativePath + ".gz"), Gzip(content));
    }

    private string CreateFolder(params string[] segments) =>
        Directory.CreateDirectory(Path.Combine([RootPath, .. segments])).FullName;

    private static byte[] Compress(string text, Func<Stream, Stream> createCompressor)
    {
        using var output = new MemoryStream();
        using (var compressor = createCompressor(output))
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
