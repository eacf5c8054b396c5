namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Who sent a request, as far as the outpost can tell.</summary>
/// <param name="Identity">The signed-in user, or <see langword="null"/>.</param>
/// <param name="HeaderRejected">Whether an <c>Authorization</c> header was checked and proved no identity.</param>
/// <param name="FromAuthorizationHeader">Whether <paramref name="Identity"/> comes from the <c>Authorization</c> header, which then is not forwarded.</param>
/// <param name="Session">The session <paramref name="Identity"/> comes from, when it comes from the session cookie.</param>
internal sealed record AuthenticationOutcome(OutpostIdentity? Identity, bool HeaderRejected, bool FromAuthorizationHeader, CachedSession? Session = null)
{
    /// <summary>Returns the identity headers of <see cref="Identity"/>, reusing those built for the same session earlier.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetIdentityHeaders(ProviderClient client, ProviderEndpoints? endpoints)
    {
        if (Session is { } session)
        {
            return session.GetIdentityHeaders(client, endpoints);
        }

        return Identity is { } identity ? IdentityHeaders.Build(client, identity, endpoints) : [];
    }
}
