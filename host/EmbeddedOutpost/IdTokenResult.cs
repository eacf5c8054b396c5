using System.Text.Json.Nodes;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>The claims of a valid ID token, or the reason it is invalid.</summary>
internal sealed record IdTokenResult(JsonObject? Claims, string? Error);
