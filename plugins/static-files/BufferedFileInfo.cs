using Microsoft.Extensions.FileProviders;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// A small file whose content was read into memory. It has no physical path, so ASP.NET Core's
/// static-file middleware copies <see cref="CreateReadStream"/> instead of opening the file.
/// </summary>
internal sealed class BufferedFileInfo(IFileInfo file, byte[] content) : IFileInfo
{
    public bool Exists => true;

    public long Length => content.Length;

    public string? PhysicalPath => null;

    public string Name { get; } = file.Name;

    public DateTimeOffset LastModified { get; } = file.LastModified;

    public bool IsDirectory => false;

    public Stream CreateReadStream() => new MemoryStream(content, writable: false);

    /// <summary>
    /// Reads <paramref name="file"/> into memory, or returns <see langword="null"/> when the file
    /// changed its length while it was read or can no longer be read.
    /// </summary>
    public static BufferedFileInfo? TryRead(IFileInfo file)
    {
        try
        {
            using var stream = file.CreateReadStream();
            var content = new byte[file.Length];
            stream.ReadExactly(content);
            return stream.ReadByte() < 0 ? new BufferedFileInfo(file, content) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
