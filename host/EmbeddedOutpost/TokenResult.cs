using System.Text.Json.Nodes;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>A token or introspection endpoint response: the JSON body and ID token on success, else an error text.</summary>
internal sealed record TokenResult(JsonObject? Body, string? IdToken, string? Error);
