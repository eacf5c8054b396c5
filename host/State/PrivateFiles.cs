namespace Authentik.Plugins.Host.State;

/// <summary>
/// Creates the data directory and the files in it so that only the host's user can read them,
/// because they contain the secret key, session ids and tokens.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and any missing parents with mode 0700; an existing directory keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>
    /// Creates the directory of the SQLite database <paramref name="path"/> and an empty database
    /// file with mode 0600 unless it exists. SQLite opens an empty file as a new database and
    /// creates its <c>-wal</c> and <c>-shm</c> files with the database file's mode.
    /// </summary>
    public static void CreateDatabaseFile(string path)
    {
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
    }
}
