using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The headers that tell a protected application who the user is: the <c>X-authentik-*</c>
/// identity headers, <c>Authorization: Basic</c> when the provider sends basic auth, and the
/// user's <c>additionalHeaders</c> attribute.
/// </summary>
internal static class IdentityHeaders
{
    /// <summary>Prefix of every identity header; incoming headers with it are removed before forwarding.</summary>
    public const string Prefix = "X-authentik-";

    public static List<KeyValuePair<string, string>> Build(ProviderClient client, OutpostIdentity identity, ProviderEndpoints? endpoints)
    {
        var claims = identity.Claims;
        var headers = new List<KeyValuePair<string, string>>
        {
            new(Prefix + "username", Text(claims["preferred_username"])),
            new(Prefix + "groups", Joined(claims["groups"])),
            new(Prefix + "entitlements", Joined(claims["entitlements"])),
            new(Prefix + "email", Text(claims["email"])),
            new(Prefix + "name", Text(claims["name"])),
            new(Prefix + "uid", Text(claims["sub"])),
            new(Prefix + "jwt", identity.RawIdToken ?? ""),
            new(Prefix + "meta-jwks", endpoints?.JwksUri ?? ""),
            new(Prefix + "meta-outpost", client.Outpost.Name),
            new(Prefix + "meta-provider", client.Provider.Name),
            new(Prefix + "meta-app", client.Provider.ApplicationSlug ?? ""),
            new(Prefix + "meta-version", "goauthentik.io/outpost/" + AuthentikCompatibility.Version),
        };

        if (claims["ak_proxy"]?["user_attributes"] is not JsonObject attributes)
        {
            return headers;
        }

        var provider = client.Provider;
        if (provider.BasicAuthEnabled && Text(attributes[provider.BasicAuthPasswordAttribute ?? ""]) is { Length: > 0 } password)
        {
            var user = string.IsNullOrEmpty(provider.BasicAuthUserAttribute) ? Text(claims["email"]) : Text(attributes[provider.BasicAuthUserAttribute]);
            headers.Add(new(HeaderNames.Authorization, "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password))));
        }

        if (attributes["additionalHeaders"] is JsonObject additional)
        {
            foreach (var (name, value) in additional)
            {
                // Line breaks would split the header, so such values are dropped.
                if (value?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number && value.ToString().IndexOfAny(['\r', '\n']) < 0)
                {
                    Set(headers, name, value.ToString());
                }
            }
        }

        return headers;
    }

    /// <summary>Whether <paramref name="name"/> is an identity header name, compared case-insensitively.</summary>
    /// <summary>
    /// Whether <paramref name="name"/> is an identity header name, compared case-insensitively and
    /// with <c>_</c> read as <c>-</c>, because many application frameworks read both spellings as
    /// the same header.
    /// </summary>
    public static bool IsIdentityHeader(string name) =>
        name.Replace('_', '-').StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Replaces the header named <paramref name="name"/> (compared case-insensitively) or adds it, so each name occurs once.</summary>
    private static void Set(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        var index = headers.FindIndex(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            headers[index] = new(name, value);
        }
        else
        {
            headers.Add(new(name, value));
        }
    }

    private static string Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.ToString(),
        _ => "",
    };

    private static string Joined(JsonNode? node) =>
        node is JsonArray array ? string.Join('|', array.Select(Text)) : Text(node);
}
