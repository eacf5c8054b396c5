using System.Text.Json.Nodes;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>A signed-in user: the ID token (or introspection) claims and the raw ID token when there is one.</summary>
internal sealed record OutpostIdentity(JsonObject Claims, string? RawIdToken)
{
    public string Subject => Claims["sub"]?.ToString() ?? "";
}
