using Authentik.Plugins.State;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>A stored session that belongs to the provider and has not expired, with its parsed content.</summary>
internal sealed record LoadedSession(OutpostSession Session, SessionData Data)
{
    /// <summary>The signed-in user, or <see langword="null"/> while the session contains only logins in progress.</summary>
    public OutpostIdentity? Identity => Data.Claims is { } claims && Session.Subject is not null ? new OutpostIdentity(claims, Data.RawIdToken) : null;
}
