using System.Text.Json.Serialization;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>A login in progress: the secrets the callback checks and where the browser returns to.</summary>
internal sealed class PendingLogin
{
    [JsonPropertyName("nonce")]
    public required string Nonce { get; init; }

    [JsonPropertyName("code_verifier")]
    public required string CodeVerifier { get; init; }

    [JsonPropertyName("redirect")]
    public required string Redirect { get; init; }

    [JsonPropertyName("created")]
    public required DateTimeOffset CreatedAt { get; init; }
}
