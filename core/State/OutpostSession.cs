namespace Authentik.Plugins.State;

/// <summary>
/// A browser session of an outpost. The session cookie carries only <see cref="Id"/>; everything
/// else stays on the server.
/// </summary>
public sealed record OutpostSession
{
    /// <summary>Unguessable session id, the value of the session cookie.</summary>
    public required string Id { get; init; }

    /// <summary>Name of the outpost the session belongs to.</summary>
    public required string Outpost { get; init; }

    /// <summary>Name of the proxy provider the session was created for.</summary>
    public required string Provider { get; init; }

    /// <summary>The signed-in user's <c>sub</c> claim, or <see langword="null"/> while the login is still running.</summary>
    public string? Subject { get; init; }

    /// <summary>Session content as JSON, owned by the outpost (claims, ID token, logins in progress).</summary>
    public required string Data { get; init; }

    /// <summary>When the session ends; a store may delete it from then on, and may keep it to whole seconds only.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
