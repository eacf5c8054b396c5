namespace Authentik.Plugins.State;

/// <summary>
/// Server-side store of outpost browser sessions. The default store keeps them in the SQLite
/// database of the data directory. Several host replicas need a shared store, for example on a
/// database server, registered in its place, because a browser's next request may reach any
/// replica. Every method may throw when the store is unavailable, and callers then deny access.
/// </summary>
public interface IOutpostSessionStore
{
    /// <summary>Returns the session with <paramref name="id"/>, or <see langword="null"/> when none exists. Expired sessions may still be returned.</summary>
    /// <param name="id">The session id from the cookie.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<OutpostSession?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts <paramref name="session"/>, or replaces the session with the same id.</summary>
    /// <param name="session">The session to store.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetAsync(OutpostSession session, CancellationToken cancellationToken);

    /// <summary>Deletes the session with <paramref name="id"/>; returns whether one existed.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes every session of <paramref name="subject"/> at <paramref name="outpost"/>; returns how many were deleted.</summary>
    /// <param name="outpost">The outpost name.</param>
    /// <param name="subject">The user's <c>sub</c> claim.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<int> DeleteBySubjectAsync(string outpost, string subject, CancellationToken cancellationToken);

    /// <summary>Deletes every session that expired before <paramref name="now"/>; returns how many were deleted.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
