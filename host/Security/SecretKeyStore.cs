using System.Security.Cryptography;
using Authentik.Plugins.Host.Configuration;

namespace Authentik.Plugins.Host.Security;

/// <summary>
/// The secret key the host shares with the authentik backend: the configured
/// <c>secret_key</c>, else a key generated on first start and kept in
/// <c>&lt;paths:data&gt;/secret_key</c>, readable only by its owner. Never logged.
/// </summary>
internal sealed partial class SecretKeyStore
{
    /// <summary>Name of the generated key's file in the data directory.</summary>
    public const string FileName = "secret_key";

    // 48 random bytes give a 64-character key, longer than the 50 characters authentik generates.
    private const int GeneratedKeyBytes = 48;

    private readonly HostSettings _settings;
    private readonly ILogger<SecretKeyStore> _logger;
    private readonly Lock _lock = new();
    private string? _secretKey;

    public SecretKeyStore(HostSettings settings, ILogger<SecretKeyStore> logger)
    {
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Path of the generated key's file.</summary>
    public string FilePath => Path.Combine(_settings.DataDirectory, FileName);

    /// <summary>
    /// Returns the secret key, reading or generating the key file on first use.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key file is empty or cannot be read or written.</exception>
    public string GetSecretKey()
    {
        lock (_lock)
        {
            return _secretKey ??= _settings.SecretKey ?? LoadOrGenerate();
        }
    }

    private string LoadOrGenerate()
    {
        var path = FilePath;
        try
        {
            return File.Exists(path) ? Load(path) : Generate(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"The secret key file '{path}' cannot be read or written ({exception.Message}); make paths:data writable or set AUTHENTIK_SECRET_KEY.",
                exception);
        }
    }

    private string Load(string path)
    {
        var key = File.ReadAllText(path).Trim();
        if (key.Length == 0)
        {
            throw new InvalidOperationException(
                $"The secret key file '{path}' is empty; delete it so the host generates a new key, or set AUTHENTIK_SECRET_KEY.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            Log.SecretKeyFileReadableByOthers(_logger, path);
        }

        Log.SecretKeyFileLoaded(_logger, path);
        return key;
    }

    private string Generate(string path)
    {
        Directory.CreateDirectory(_settings.DataDirectory);

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(GeneratedKeyBytes))
            .Replace('+', '-')
            .Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(key);
        }

        Log.SecretKeyGenerated(_logger, path);
        return key;
    }

    private static partial class Log
    {
        [LoggerMessage(1020, LogLevel.Warning, "No secret key is configured, so a generated one was stored in '{Path}'. A deployment that shares a backend with other servers must set AUTHENTIK_SECRET_KEY instead.", EventName = nameof(SecretKeyGenerated))]
        public static partial void SecretKeyGenerated(ILogger logger, string path);

        [LoggerMessage(1021, LogLevel.Information, "No secret key is configured, so the one stored in '{Path}' is used.", EventName = nameof(SecretKeyFileLoaded))]
        public static partial void SecretKeyFileLoaded(ILogger logger, string path);

        [LoggerMessage(1022, LogLevel.Warning, "The secret key file '{Path}' is readable by other users; restrict it with chmod 600.", EventName = nameof(SecretKeyFileReadableByOthers))]
        public static partial void SecretKeyFileReadableByOthers(ILogger logger, string path);
    }
}
