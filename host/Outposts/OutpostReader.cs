using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Maps an outpost object, with the field names of authentik's <c>/api/v3/outposts/instances/</c>
/// response, to <see cref="OutpostConfig"/>. Files may also write <c>embedded: true</c>, a
/// <c>uuid</c>, a <c>service_connection</c> map and the providers inline.
/// </summary>
internal static class OutpostReader
{
    private static readonly HashSet<string> KnownKeys =
        ["name", "uuid", "pk", "type", "managed", "embedded", "token", "config", "service_connection", "providers"];

    /// <summary>Returns the default embedded outpost: authentik's name, the embedded marker and no providers.</summary>
    public static OutpostConfig CreateDefaultEmbedded() => new()
    {
        Name = OutpostConstants.EmbeddedName,
        Uuid = CreateStableUuid(OutpostConstants.EmbeddedName),
        Managed = OutpostConstants.EmbeddedManagedValue,
    };

    /// <summary>Returns the outpost in <paramref name="source"/>, or <see langword="null"/> when it has no name.</summary>
    /// <param name="source">The outpost object.</param>
    /// <param name="index">Position of the outpost in its list, naming it in problems when it has no name.</param>
    /// <param name="providers">
    /// The outpost's providers when they come from elsewhere (the authentik API lists them
    /// separately), or <see langword="null"/> to read them from the object's <c>providers</c> list.
    /// </param>
    /// <param name="reportUnknownKeys">Whether keys this host does not know get a warning.</param>
    /// <param name="problems">Where problems are added.</param>
    public static OutpostConfig? Read(
        JsonObject source,
        int index,
        IReadOnlyList<ProxyProviderConfig>? providers,
        bool reportUnknownKeys,
        ICollection<OutpostProblem> problems)
    {
        var unnamed = new JsonFieldReader(source, $"outpost #{(index + 1).ToString(CultureInfo.InvariantCulture)}", problems);
        var name = unnamed.ReadString("name");
        if (name is null)
        {
            unnamed.AddError("name", "name is missing; give each outpost a unique name.");
            return null;
        }

        var reader = new JsonFieldReader(source, OutpostProblemSubjects.Outpost(name), problems);
        if (reportUnknownKeys)
        {
            reader.WarnAboutUnknownKeys(KnownKeys);
        }

        var managed = reader.ReadString("managed");
        if (reader.ReadBoolean("embedded", fallback: false) || string.Equals(name, OutpostConstants.EmbeddedName, StringComparison.Ordinal))
        {
            managed = OutpostConstants.EmbeddedManagedValue;
        }

        var isEmbedded = string.Equals(managed, OutpostConstants.EmbeddedManagedValue, StringComparison.Ordinal);
        return new OutpostConfig
        {
            Name = name,
            Uuid = ReadUuid(reader, name),
            Type = reader.ReadString("type") ?? OutpostConstants.ProxyType,
            Managed = managed,

            // NOTE: authentik creates one API token per managed outpost. This host has no token service, so the file supplies it.
            Token = reader.ReadString("token"),
            ServiceConnection = source["service_connection"] is JsonObject connection ? ReadServiceConnection(connection, reader, problems) : null,
            Providers = providers ?? ReadProviders(reader, name, reportUnknownKeys, problems),
            Settings = OutpostSettingsReader.Read(reader.ReadObject("config"), reader.Subject, isEmbedded, reportUnknownKeys, problems),
        };
    }

    // Outposts declared in a file without an id get one derived from their name, so that it stays
    // the same across restarts and in the labels of deployed objects.
    private static Guid ReadUuid(JsonFieldReader reader, string name)
    {
        var key = reader.Has("uuid") ? "uuid" : "pk";
        var text = reader.ReadString(key);
        if (text is null)
        {
            return CreateStableUuid(name);
        }

        if (Guid.TryParse(text, out var uuid))
        {
            return uuid;
        }

        reader.AddError(key, $"{key} '{text}' is not a UUID; remove it to derive one from the name, or set it to 32 hex digits.");
        return CreateStableUuid(name);
    }

    private static Guid CreateStableUuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("authentik.plugins/outpost/" + name));
        var bytes = hash.AsSpan(0, 16);

        // Version 8 (custom) and the RFC 9562 variant, so the value is a well-formed UUID.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static List<ProxyProviderConfig> ReadProviders(
        JsonFieldReader reader,
        string outpostName,
        bool reportUnknownKeys,
        ICollection<OutpostProblem> problems)
    {
        var result = new List<ProxyProviderConfig>();
        if (reader.ReadArray("providers") is not { } list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject provider)
            {
                reader.AddError("providers", $"providers entry #{(i + 1).ToString(CultureInfo.InvariantCulture)} is not a map; write each provider as a map of its keys.");
                continue;
            }

            if (ProxyProviderReader.Read(provider, i, outpostName, reportUnknownKeys, problems) is { } config)
            {
                result.Add(config);
            }
        }

        return result;
    }

    // Files write service_connection as a map. authentik's API returns only the connection's id
    // there, which this host does not use.
    private static ServiceConnectionConfig? ReadServiceConnection(JsonObject connection, JsonFieldReader reader, ICollection<OutpostProblem> problems)
    {
        const string Key = "service_connection";
        var fields = new JsonFieldReader(connection, reader.Subject, problems);
        var name = fields.ReadString("name");
        var kindText = fields.ReadString("kind") ?? "";
        ServiceConnectionKind? kind = kindText.ToLowerInvariant() switch
        {
            "docker" => ServiceConnectionKind.Docker,
            "kubernetes" => ServiceConnectionKind.Kubernetes,
            _ => null,
        };

        if (name is null)
        {
            reader.AddError(Key, "service_connection name is missing; give the connection a name.");
            return null;
        }

        if (kind is null)
        {
            reader.AddError(Key, $"service_connection kind '{kindText}' is unknown; set it to docker or kubernetes.");
            return null;
        }

        return new ServiceConnectionConfig
        {
            Name = name,
            Kind = kind.Value,
            Local = fields.ReadBoolean("local", fallback: false),
            Url = fields.ReadString("url"),
            TlsCaFile = fields.ReadString("tls_ca_file"),
            TlsCertificateFile = fields.ReadString("tls_certificate_file"),
            Kubeconfig = fields.ReadString("kubeconfig"),
            KubeconfigContext = fields.ReadString("kubeconfig_context"),
        };
    }
}
