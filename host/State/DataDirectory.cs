using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.State;

/// <summary>The host's data directory, configuration key <c>paths:data</c> (default <c>./data</c>).</summary>
internal static class DataDirectory
{
    /// <summary>The configuration key.</summary>
    public const string Key = "paths:data";

    /// <summary>Returns the full path of the data directory, relative paths resolved against the working directory.</summary>
    /// <param name="configuration">The host's whole configuration.</param>
    public static string Get(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var value = configuration[Key];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(value) ? "./data" : value);
    }
}
