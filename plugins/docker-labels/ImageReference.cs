namespace Authentik.Plugins.DockerLabels;

/// <summary>Docker image references in the full form the engine resolves them to.</summary>
internal static class ImageReference
{
    /// <summary>
    /// Returns <paramref name="reference"/> with Docker's defaults filled in: the registry
    /// <c>docker.io</c> when the first path component is not a host name, the <c>library/</c>
    /// namespace for a single-component name on docker.io, and the tag <c>latest</c> when there is
    /// neither tag nor digest. <c>busybox</c> and <c>docker.io/library/busybox:latest</c> compare equal.
    /// </summary>
    public static string Normalize(string reference)
    {
        var name = reference;
        var suffix = "";
        var digestStart = name.IndexOf('@', StringComparison.Ordinal);
        if (digestStart >= 0)
        {
            suffix = name[digestStart..];
            name = name[..digestStart];
        }

        var lastSlash = name.LastIndexOf('/');
        var tagStart = name.LastIndexOf(':');
        if (tagStart > lastSlash)
        {
            suffix = name[tagStart..] + suffix;
            name = name[..tagStart];
        }
        else if (digestStart < 0)
        {
            suffix = ":latest";
        }

        var firstSlash = name.IndexOf('/', StringComparison.Ordinal);
        var firstComponent = firstSlash < 0 ? "" : name[..firstSlash];
        var hasRegistry = firstComponent.Contains('.', StringComparison.Ordinal)
            || firstComponent.Contains(':', StringComparison.Ordinal)
            || firstComponent == "localhost";
        if (!hasRegistry)
        {
            name = firstSlash < 0 ? $"docker.io/library/{name}" : $"docker.io/{name}";
        }

        return name + suffix;
    }
}
