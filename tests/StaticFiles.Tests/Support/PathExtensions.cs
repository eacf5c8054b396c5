namespace Authentik.Plugins.StaticFiles.Tests.Support;

internal static class PathExtensions
{
    /// <summary>Creates the folder that contains <paramref name="filePath"/> and returns the path unchanged.</summary>
    public static string CreateParent(this string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        return filePath;
    }
}
