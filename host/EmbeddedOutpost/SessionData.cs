using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>The JSON content of an outpost session.</summary>
internal sealed class SessionData
{
    /// <summary>The ID token claims of the signed-in user, or <see langword="null"/> before login.</summary>
    [JsonPropertyName("claims")]
    public JsonObject? Claims { get; set; }

    /// <summary>The raw ID token, sent as <c>id_token_hint</c> on sign-out.</summary>
    [JsonPropertyName("raw_token")]
    public string? RawIdToken { get; set; }

    /// <summary>Logins started from this browser and not yet completed, by state value.</summary>
    [JsonPropertyName("pending")]
    public Dictionary<string, PendingLogin> Pending { get; set; } = new(StringComparer.Ordinal);
}
