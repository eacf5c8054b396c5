using Authentik.Plugins.Host.State;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Reads the secret key the host shares with the authentik backend: configuration key
/// <c>secret_key</c> (<c>AUTHENTIK_SECRET_KEY</c>), else the file <c>&lt;paths:data&gt;/secret_key</c>
/// that the host writes when it generates a key.
/// </summary>
internal static class SecretKeyReader
{
    /// <summary>The configuration key.</summary>
    public const string Key = "secret_key";

    /// <summary>Returns the secret key.</summary>
    /// <param name="configuration">The host's whole configuration.</param>
    /// <exception cref="AuthentikApiException">Neither the key nor the file is set.</exception>
    public static string Read(IConfiguration configuration)
    {
        if (configuration[Key] is { Length: > 0 } key)
        {
            return key;
        }

        var path = Path.Combine(DataDirectory.Get(configuration), Key);
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new AuthentikApiException($"secret_key is not set and {path} cannot be read ({exception.Message}); set AUTHENTIK_SECRET_KEY to the backend's secret key.", null, exception);
        }
    }
}
