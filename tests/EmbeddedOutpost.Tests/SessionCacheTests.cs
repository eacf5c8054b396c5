using Authentik.Plugins.Host.EmbeddedOutpost;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>
/// <see cref="OutpostSessions.ReadSignedInAsync"/> with its <see cref="SignedInSessionCache"/>
/// against the SQLite session store in a temporary folder.
/// </summary>
public sealed class SessionCacheTests : IDisposable
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(10);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "session-cache-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
    private readonly SqliteOutpostSessionStore _store;
    private readonly SignedInSessionCache _cache = new();
    private readonly ProviderClient _client;
    private readonly ProviderClient _otherClient;

    public SessionCacheTests()
    {
        Directory.CreateDirectory(_dataPath);
        var options = new EmbeddedOutpostOptions { SecretKey = "session-cache-test-secret", DataPath = _dataPath };
        _store = new SqliteOutpostSessionStore(Options.Create(options));
        var outpost = new OutpostConfig
        {
            Name = "cache outpost",
            Uuid = Guid.NewGuid(),
            Providers = [Provider("app"), Provider("other")],
        };
        _client = new ProviderClient(outpost, outpost.Providers[0], options, new HttpClient());
        _otherClient = new ProviderClient(outpost, outpost.Providers[1], options, new HttpClient());
    }

    [Fact]
    public async Task ReadSignedIn_StoreDeletedByAnotherHost_ServedUntilDurationEnds()
    {
        var sessions = Sessions(CacheDuration);
        var id = await SignInAsync(sessions, "alice");
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, id), _client));

        await _store.DeleteAsync(id, CancellationToken.None);
        _time.Advance(CacheDuration - TimeSpan.FromSeconds(1));
        var cached = await sessions.ReadSignedInAsync(Request(_client, id), _client);
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterDuration = await sessions.ReadSignedInAsync(Request(_client, id), _client);

        Assert.Equal("alice", cached?.Subject);
        Assert.Null(afterDuration);
    }

    [Fact]
    public async Task ReadSignedIn_ZeroDuration_ReadsStoreEveryTime()
    {
        var sessions = Sessions(TimeSpan.Zero);
        var id = await SignInAsync(sessions, "alice");
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, id), _client));

        await _store.DeleteAsync(id, CancellationToken.None);

        Assert.Null(await sessions.ReadSignedInAsync(Request(_client, id), _client));
    }

    [Fact]
    public async Task ReadSignedIn_AfterSignOutOfSubject_DeniedAtOnce()
    {
        var sessions = Sessions(CacheDuration);
        var alice = await SignInAsync(sessions, "alice");
        var bob = await SignInAsync(sessions, "bob");
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, alice), _client));
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, bob), _client));

        await sessions.DeleteBySubjectAsync(_client, "alice", CancellationToken.None);

        Assert.Null(await sessions.ReadSignedInAsync(Request(_client, alice), _client));
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, bob), _client));
    }

    [Fact]
    public async Task ReadSignedIn_AfterDelete_DeniedAtOnce()
    {
        var sessions = Sessions(CacheDuration);
        var id = await SignInAsync(sessions, "alice");
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, id), _client));

        await sessions.DeleteAsync(id, CancellationToken.None);

        Assert.Null(await sessions.ReadSignedInAsync(Request(_client, id), _client));
    }

    [Fact]
    public async Task ReadSignedIn_AfterSave_ReadsNewContent()
    {
        var sessions = Sessions(CacheDuration);
        var id = await SignInAsync(sessions, "alice");
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, id), _client));

        await sessions.SaveAsync(_client, id, subject: null, new SessionData(), _time.GetUtcNow().AddHours(1), CancellationToken.None);

        Assert.Null(await sessions.ReadSignedInAsync(Request(_client, id), _client));
    }

    [Fact]
    public async Task ReadSignedIn_SessionExpiresWithinDuration_DeniedAndDeleted()
    {
        var sessions = Sessions(CacheDuration);
        var id = await SignInAsync(sessions, "alice", lifetime: TimeSpan.FromSeconds(5));
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, id), _client));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(await sessions.ReadSignedInAsync(Request(_client, id), _client));
        Assert.Null(await _store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task ReadSignedIn_CachedSessionOfOtherProvider_Denied()
    {
        var sessions = Sessions(CacheDuration);
        var id = await SignInAsync(sessions, "alice");
        Assert.NotNull(await sessions.ReadSignedInAsync(Request(_client, id), _client));

        var other = await sessions.ReadSignedInAsync(Request(_otherClient, id), _otherClient);

        Assert.Null(other);
    }

    [Fact]
    public async Task ReadSignedIn_LoginInProgress_NotCached()
    {
        var sessions = Sessions(CacheDuration);
        var id = OutpostSessions.NewId();
        await sessions.SaveAsync(_client, id, subject: null, new SessionData(), _time.GetUtcNow().AddHours(1), CancellationToken.None);

        Assert.Null(await sessions.ReadSignedInAsync(Request(_client, id), _client));
        Assert.Null(_cache.Get(id, _time.GetUtcNow()));
    }

    [Fact]
    public void TryAdd_RemovalSinceVersionRead_NotAdded()
    {
        var now = _time.GetUtcNow();
        var version = _cache.Version;
        _cache.Remove("another-session");

        _cache.TryAdd("id", Entry("alice", now), version, now);

        Assert.Null(_cache.Get("id", now));
    }

    [Fact]
    public void TryAdd_NoRemovalSinceVersionRead_Added()
    {
        var now = _time.GetUtcNow();

        _cache.TryAdd("id", Entry("alice", now), _cache.Version, now);

        Assert.NotNull(_cache.Get("id", now));
    }

    [Fact]
    public void TryAdd_Full_EvictsEndedEntriesFirst()
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < SignedInSessionCache.Capacity; i++)
        {
            _cache.TryAdd("old-" + i, Entry("alice", now), _cache.Version, now);
        }

        var later = now + CacheDuration;
        _cache.TryAdd("new", Entry("bob", later), _cache.Version, later);

        Assert.NotNull(_cache.Get("new", later));
        Assert.Null(_cache.Get("old-0", later));
    }

    [Fact]
    public void TryAdd_FullOfLiveEntries_NotAdded()
    {
        var now = _time.GetUtcNow();
        for (var i = 0; i < SignedInSessionCache.Capacity; i++)
        {
            _cache.TryAdd("live-" + i, Entry("alice", now), _cache.Version, now);
        }

        _cache.TryAdd("new", Entry("bob", now), _cache.Version, now);

        Assert.Null(_cache.Get("new", now));
        Assert.NotNull(_cache.Get("live-0", now));
    }

    [Fact]
    public void TryAdd_FullWithinSweepInterval_ScansOnce()
    {
        var now = _time.GetUtcNow();
        var halfSecond = TimeSpan.FromMilliseconds(500);
        for (var i = 0; i < SignedInSessionCache.Capacity; i++)
        {
            _cache.TryAdd("short-" + i, Entry("alice", now - CacheDuration + halfSecond), _cache.Version, now);
        }

        _cache.TryAdd("first", Entry("bob", now), _cache.Version, now);
        var ended = now + halfSecond;
        _cache.TryAdd("second", Entry("bob", ended), _cache.Version, ended);
        var nextSweep = now + TimeSpan.FromSeconds(1);
        _cache.TryAdd("third", Entry("bob", nextSweep), _cache.Version, nextSweep);

        Assert.Null(_cache.Get("first", now));
        Assert.Null(_cache.Get("second", ended));
        Assert.NotNull(_cache.Get("third", nextSweep));
    }

    public void Dispose()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }

    private OutpostSessions Sessions(TimeSpan duration) =>
        new(_store, _cache, Options.Create(new OutpostsOptions { SessionCacheDuration = duration }), _time);

    private async Task<string> SignInAsync(OutpostSessions sessions, string subject, TimeSpan? lifetime = null)
    {
        var id = OutpostSessions.NewId();
        var data = new SessionData { Claims = new() { ["sub"] = subject }, RawIdToken = "header.payload.signature" };
        await sessions.SaveAsync(_client, id, subject, data, _time.GetUtcNow() + (lifetime ?? TimeSpan.FromHours(1)), CancellationToken.None);
        return id;
    }

    private static CachedSession Entry(string subject, DateTimeOffset now) =>
        new("cache outpost", "app", subject, new OutpostIdentity(new() { ["sub"] = subject }, null), now + CacheDuration);

    private static DefaultHttpContext Request(ProviderClient client, string id)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = client.CookieName + "=" + id;
        return context;
    }

    private static ProxyProviderConfig Provider(string name) => new()
    {
        Name = name,
        ExternalHost = $"https://{name}.cache.test",
        Mode = ProxyMode.Proxy,
        InternalHost = "http://127.0.0.1:9",
        Oidc = new OidcClientConfig { ClientId = "client-" + name, ClientSecret = OutpostFixture.ClientSecret },
    };
}
