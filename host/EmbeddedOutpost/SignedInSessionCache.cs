using System.Collections.Concurrent;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Signed-in sessions read from the <see cref="Authentik.Plugins.State.IOutpostSessionStore"/>,
/// kept in memory so that requests of a signed-in user do not read and parse the session every
/// time. An entry is used until <c>outposts:session_cache_duration</c> after it was read, or until
/// the session expires, whichever comes first. Every write, delete and sign-out through this
/// process removes the entries it touches at once. A change made by another process sharing the
/// store (another replica's sign-out) takes effect here when the entry's duration ends.
/// </summary>
internal sealed class SignedInSessionCache
{
    /// <summary>Maximum number of cached sessions. Sessions read while the cache is full are not cached.</summary>
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, CachedSession> _entries = new(StringComparer.Ordinal);
    /// <summary>Shortest time between two scans for ended entries while the cache is full.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private long _invalidations;
    private int _count;
    private long _nextSweepTicks;

    /// <summary>A counter that changes with every removal. <see cref="TryAdd"/> compares it with its value from before the store was read.</summary>
    public long Version => Interlocked.Read(ref _invalidations);

    /// <summary>Returns the cached session <paramref name="id"/> while its cache duration lasts.</summary>
    public CachedSession? Get(string id, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (entry.CachedUntil > now)
        {
            return entry;
        }

        Remove(id, entry);
        return null;
    }

    /// <summary>
    /// Adds <paramref name="entry"/> unless a session was removed since <paramref name="version"/>
    /// was read, because the entry could then hold a session that was deleted meanwhile.
    /// </summary>
    public void TryAdd(string id, CachedSession entry, long version, DateTimeOffset now)
    {
        if (Version != version)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= Capacity && !TryRemoveEnded(now))
        {
            return;
        }

        if (_entries.TryAdd(id, entry))
        {
            Interlocked.Increment(ref _count);
        }

        // A removal that ran between the check above and the add may have missed this entry.
        if (Version != version)
        {
            Remove(id, entry);
        }
    }

    /// <summary>Removes the session <paramref name="id"/>.</summary>
    public void Remove(string id)
    {
        Interlocked.Increment(ref _invalidations);
        if (_entries.TryRemove(id, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Removes every session of <paramref name="subject"/> at <paramref name="outpost"/>.</summary>
    public void RemoveSubject(string outpost, string subject)
    {
        Interlocked.Increment(ref _invalidations);
        foreach (var (id, entry) in _entries)
        {
            if (string.Equals(entry.Outpost, outpost, StringComparison.Ordinal) && string.Equals(entry.Identity.Subject, subject, StringComparison.Ordinal))
            {
                Remove(id, entry);
            }
        }
    }

    /// <summary>
    /// Removes the entries whose cache duration has ended and returns whether there is room now.
    /// The scan runs at most once per <see cref="SweepInterval"/>, so that sessions read while the
    /// cache is full of live entries do not each scan it.
    /// </summary>
    private bool TryRemoveEnded(DateTimeOffset now)
    {
        var nextSweep = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < nextSweep
            || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, nextSweep) != nextSweep)
        {
            return false;
        }

        foreach (var (id, entry) in _entries)
        {
            if (entry.CachedUntil <= now)
            {
                Remove(id, entry);
            }
        }

        return Volatile.Read(ref _count) < Capacity;
    }

    private void Remove(string id, CachedSession entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, CachedSession>(id, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
