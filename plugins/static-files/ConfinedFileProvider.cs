using System.Collections.Concurrent;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// A <see cref="PhysicalFileProvider"/> that also reports a file as missing when a symbolic link
/// on its path leads outside the folder, and that lists no directory contents. Each lookup is
/// reused for <see cref="LookupLifetime"/>, and files up to <see cref="MaxBufferedFileLength"/>
/// are served from memory during that time.
/// </summary>
/// <remarks>
/// <see cref="PhysicalFileProvider"/> rejects paths that climb above its root but follows links
/// wherever they point; this provider resolves every link below the root on each lookup. A file
/// that is created, changed or removed is therefore served as it is on disk at most
/// <see cref="LookupLifetime"/> later.
/// </remarks>
internal sealed class ConfinedFileProvider : IFileProvider, IDisposable
{
    /// <summary>How long a lookup, found or not, is reused before the file system is read again.</summary>
    public static readonly TimeSpan LookupLifetime = TimeSpan.FromSeconds(1);

    /// <summary>Maximum number of remembered lookups. Paths looked up while it is reached are read from disk every time.</summary>
    public const int MaxLookups = 10_000;

    /// <summary>Largest file kept in memory.</summary>
    public const long MaxBufferedFileLength = 64 * 1024;

    /// <summary>Maximum total length of the files kept in memory.</summary>
    public const long MaxBufferedBytes = 32 * 1024 * 1024;

    private readonly PhysicalFileProvider _files;
    private readonly string _realRoot;
    private readonly TimeProvider _timeProvider;
    private readonly long _lookupLifetimeTicks;
    private readonly ConcurrentDictionary<string, Lookup> _lookups = new(StringComparer.Ordinal);
    private long _bufferedBytes;
    private int _lookupCount;
    private long _nextSweep;

    /// <param name="realRoot">An existing folder whose path contains no symbolic links.</param>
    /// <param name="timeProvider">The clock that ends lookups, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    public ConfinedFileProvider(string realRoot, TimeProvider? timeProvider = null)
    {
        _realRoot = Path.TrimEndingDirectorySeparator(realRoot);
        _files = new PhysicalFileProvider(_realRoot, ExclusionFilters.Sensitive);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _lookupLifetimeTicks = (long)(LookupLifetime.TotalSeconds * _timeProvider.TimestampFrequency);
    }

    /// <summary>Total length of the files currently kept in memory.</summary>
    public long BufferedBytes => Interlocked.Read(ref _bufferedBytes);

    public IFileInfo GetFileInfo(string subpath)
    {
        var now = _timeProvider.GetTimestamp();
        if (_lookups.TryGetValue(subpath, out var lookup) && now < lookup.ValidUntil)
        {
            return lookup.File;
        }

        var file = Resolve(subpath);
        if (file.Exists && !file.IsDirectory && file.Length <= MaxBufferedFileLength)
        {
            file = Buffer(file);
        }

        Remember(subpath, new Lookup(file, now + _lookupLifetimeTicks), lookup, now);
        return file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    public void Dispose() => _files.Dispose();

    private IFileInfo Resolve(string subpath)
    {
        var file = _files.GetFileInfo(subpath);
        if (!file.Exists || file.PhysicalPath is null)
        {
            return file;
        }

        var relativePath = file.PhysicalPath.AsSpan(_realRoot.Length).TrimStart(Path.DirectorySeparatorChar);
        var resolvedPath = RealPath.ResolveInside(_realRoot, relativePath);
        if (resolvedPath is null)
        {
            return new NotFoundFileInfo(subpath);
        }

        // A link's own FileInfo reports the link's length and time, so serve its target's.
        return string.Equals(resolvedPath, file.PhysicalPath, StringComparison.Ordinal)
            ? file
            : new PhysicalFileInfo(new FileInfo(resolvedPath));
    }

    /// <summary>Returns the file read into memory while the memory budget allows, else the file itself.</summary>
    private IFileInfo Buffer(IFileInfo file)
    {
        if (Interlocked.Add(ref _bufferedBytes, file.Length) > MaxBufferedBytes)
        {
            Interlocked.Add(ref _bufferedBytes, -file.Length);
            return file;
        }

        if (BufferedFileInfo.TryRead(file) is { } buffered)
        {
            return buffered;
        }

        Interlocked.Add(ref _bufferedBytes, -file.Length);
        return file;
    }

    private void Remember(string subpath, Lookup lookup, Lookup? previous, long now)
    {
        if (previous is not null && _lookups.TryUpdate(subpath, lookup, previous))
        {
            Release(previous);
            return;
        }

        if (previous is null && HasRoom(now) && _lookups.TryAdd(subpath, lookup))
        {
            Interlocked.Increment(ref _lookupCount);
            return;
        }

        // Another request stored this path first, or there is no room: the lookup is not kept.
        Release(lookup);
    }

    /// <summary>
    /// Returns whether another lookup may be kept. When the limit is reached, ended lookups are
    /// removed, at most once per lifetime, so that a stream of new paths does not scan every time.
    /// </summary>
    private bool HasRoom(long now)
    {
        if (Volatile.Read(ref _lookupCount) < MaxLookups)
        {
            return true;
        }

        var nextSweep = Interlocked.Read(ref _nextSweep);
        if (now < nextSweep || Interlocked.CompareExchange(ref _nextSweep, now + _lookupLifetimeTicks, nextSweep) != nextSweep)
        {
            return false;
        }

        foreach (var (subpath, lookup) in _lookups)
        {
            if (now >= lookup.ValidUntil && _lookups.TryRemove(new KeyValuePair<string, Lookup>(subpath, lookup)))
            {
                Interlocked.Decrement(ref _lookupCount);
                Release(lookup);
            }
        }

        return Volatile.Read(ref _lookupCount) < MaxLookups;
    }

    private void Release(Lookup lookup)
    {
        if (lookup.File is BufferedFileInfo buffered)
        {
            Interlocked.Add(ref _bufferedBytes, -buffered.Length);
        }
    }

    private sealed record Lookup(IFileInfo File, long ValidUntil);
}
