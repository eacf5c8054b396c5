using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Maps a proxy provider object, with the field names of authentik's
/// <c>/api/v3/outposts/proxy/</c> response, to <see cref="ProxyProviderConfig"/>.
/// </summary>
internal static class ProxyProviderReader
{
    /// <summary>The <c>mode</c> values and the modes they select.</summary>
    public static readonly FrozenDictionary<string, ProxyMode> Modes = new Dictionary<string, ProxyMode>
    {
        ["proxy"] = ProxyMode.Proxy,
        ["forward_single"] = ProxyMode.ForwardSingle,
        ["forward_domain"] = ProxyMode.ForwardDomain,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> KnownKeys = FrozenSet.ToFrozenSet(
    [
        "pk", "name", "internal_host", "external_host", "internal_host_ssl_validation", "client_id", "client_secret",
        "oidc_configuration", "cookie_secret", "certificate", "skip_path_regex", "basic_auth_enabled",
        "basic_auth_password_attribute", "basic_auth_user_attribute", "mode", "cookie_domain", "token_validity",
        "access_token_validity", "scopes_to_request", "assigned_application_slug", "assigned_application_name",
        "intercept_header_auth",
    ]);

    /// <summary>Returns the provider in <paramref name="source"/>, or <see langword="null"/> when it has no name.</summary>
    /// <param name="source">The provider object.</param>
    /// <param name="index">Position of the provider in its list, naming it in problems when it has no name.</param>
    /// <param name="outpostName">Name of the outpost the provider is assigned to.</param>
    /// <param name="reportUnknownKeys">Whether keys this host does not know get a warning.</param>
    /// <param name="problems">Where problems are added.</param>
    public static ProxyProviderConfig? Read(JsonObject source, int index, string outpostName, bool reportUnknownKeys, ICollection<OutpostProblem> problems)
    {
        var name = source["name"] is { } nameNode && nameNode.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? nameNode.GetValue<string>()
            : "";
        var subject = name.Length > 0
            ? OutpostProblemSubjects.Provider(name, outpostName)
            : $"provider #{(index + 1).ToString(CultureInfo.InvariantCulture)} of outpost '{outpostName}'";
        var reader = new JsonFieldReader(source, subject, problems);
        if (reportUnknownKeys)
        {
            reader.WarnAboutUnknownKeys(KnownKeys);
        }

        if (name.Length == 0)
        {
            reader.AddError("name", "name is missing; give each provider a name that is unique within its outpost.");
            return null;
        }

        var externalHost = reader.ReadString("external_host");
        if (externalHost is null)
        {
            reader.AddError("external_host", "external_host is missing; set it to the URL users open, for example https://app.example.com.");
        }

        var clientId = reader.ReadString("client_id");
        if (clientId is null)
        {
            reader.AddError("client_id", "client_id is missing; set it to the client id of the provider's OpenID Connect client.");
        }

        var clientSecret = reader.ReadString("client_secret");
        if (clientSecret is null)
        {
            reader.AddError("client_secret", "client_secret is missing; set it to the client secret of the provider's OpenID Connect client.");
        }

        var defaults = new OidcClientConfig { ClientId = "", ClientSecret = "" };
        var oidc = reader.ReadObject("oidc_configuration") is { } endpoints
            ? ReadOidc(new JsonFieldReader(endpoints, subject, problems), clientId ?? "", clientSecret ?? "")
            : defaults with { ClientId = clientId ?? "", ClientSecret = clientSecret ?? "" };

        return new ProxyProviderConfig
        {
            Name = name,
            Pk = reader.ReadInt32("pk", 0),
            ExternalHost = externalHost ?? "",
            InternalHost = reader.ReadString("internal_host"),
            InternalHostSslValidation = reader.ReadBoolean("internal_host_ssl_validation", fallback: true),
            Mode = ReadMode(reader),
            CookieDomain = reader.ReadString("cookie_domain"),
            SkipPathRegex = reader.ReadString("skip_path_regex"),
            BasicAuthEnabled = reader.ReadBoolean("basic_auth_enabled", fallback: false),
            BasicAuthUserAttribute = reader.ReadString("basic_auth_user_attribute"),
            BasicAuthPasswordAttribute = reader.ReadString("basic_auth_password_attribute"),
            InterceptHeaderAuth = reader.ReadBoolean("intercept_header_auth", fallback: true),
            AccessTokenValidity = ReadAccessTokenValidity(reader),
            Certificate = reader.ReadString("certificate"),
            ApplicationSlug = reader.ReadString("assigned_application_slug"),
            ApplicationName = reader.ReadString("assigned_application_name"),
            CookieSecret = reader.ReadString("cookie_secret"),
            Oidc = reader.ReadStringList("scopes_to_request") is { Count: > 0 } scopes ? oidc with { Scopes = scopes } : oidc,
        };
    }

    private static OidcClientConfig ReadOidc(JsonFieldReader reader, string clientId, string clientSecret) => new()
    {
        ClientId = clientId,
        ClientSecret = clientSecret,
        Issuer = reader.ReadString("issuer"),
        AuthorizationEndpoint = reader.ReadString("authorization_endpoint"),
        TokenEndpoint = reader.ReadString("token_endpoint"),
        UserinfoEndpoint = reader.ReadString("userinfo_endpoint"),
        EndSessionEndpoint = reader.ReadString("end_session_endpoint"),
        IntrospectionEndpoint = reader.ReadString("introspection_endpoint"),
        JwksUri = reader.ReadString("jwks_uri"),
    };

    private static ProxyMode ReadMode(JsonFieldReader reader)
    {
        var mode = reader.ReadString("mode");
        if (mode is null)
        {
            return ProxyMode.Proxy;
        }

        if (Modes.TryGetValue(mode, out var value))
        {
            return value;
        }

        reader.AddError("mode", $"mode '{mode}' is unknown; set it to proxy, forward_single or forward_domain.");
        return ProxyMode.Proxy;
    }

    // authentik returns access_token_validity (older: token_validity) in seconds. Files may also
    // use authentik's duration form, for example hours=24.
    private static TimeSpan? ReadAccessTokenValidity(JsonFieldReader reader)
    {
        var key = reader.Has("access_token_validity") ? "access_token_validity" : "token_validity";
        var text = reader.ReadString(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (RefreshInterval.TryParse(text, out var validity))
        {
            return validity;
        }

        reader.AddError(key, $"{key} '{text}' is neither a number of seconds nor in the form {RefreshInterval.FormExample}; set it to, for example, hours=24.");
        return null;
    }
}
