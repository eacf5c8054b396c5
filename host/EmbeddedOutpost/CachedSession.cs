namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>A signed-in session held by <see cref="SignedInSessionCache"/>, with the identity headers built from it.</summary>
internal sealed class CachedSession(string outpost, string provider, string subject, OutpostIdentity identity, DateTimeOffset cachedUntil)
{
    private IdentityHeaderSet? _headers;

    public string Outpost { get; } = outpost;

    public string Provider { get; } = provider;

    /// <summary>The user's <c>sub</c> claim, as stored with the session.</summary>
    public string Subject { get; } = subject;

    public OutpostIdentity Identity { get; } = identity;

    /// <summary>When the entry must be read from the store again: never after the session itself expires.</summary>
    public DateTimeOffset CachedUntil { get; } = cachedUntil;

    /// <summary>
    /// Returns the identity headers for <paramref name="client"/> and <paramref name="endpoints"/>,
    /// built once and reused while both stay the same objects, which they do until the provider's
    /// configuration or discovery document changes.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetIdentityHeaders(ProviderClient client, ProviderEndpoints? endpoints)
    {
        var headers = Volatile.Read(ref _headers);
        if (headers is not null && ReferenceEquals(headers.Client, client) && ReferenceEquals(headers.Endpoints, endpoints))
        {
            return headers.Values;
        }

        headers = new IdentityHeaderSet(client, endpoints, IdentityHeaders.Build(client, Identity, endpoints));
        Volatile.Write(ref _headers, headers);
        return headers.Values;
    }

    private sealed record IdentityHeaderSet(ProviderClient Client, ProviderEndpoints? Endpoints, IReadOnlyList<KeyValuePair<string, string>> Values);
}
