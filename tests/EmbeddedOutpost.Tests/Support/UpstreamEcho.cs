namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>What the upstream app received.</summary>
internal sealed record UpstreamEcho(string Path, Dictionary<string, string> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
