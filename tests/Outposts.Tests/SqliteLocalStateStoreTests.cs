using Authentik.Plugins.Host.State;
using Microsoft.Extensions.Time.Testing;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class SqliteLocalStateStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteLocalStateStore CreateStore() => new(Path.Combine(_directory.Path, "data", "state.db"), TimeProvider.System);

    [Fact]
    public async Task SetAsync_NewDirectory_CreatesDatabaseAndStoresValue()
    {
        var store = CreateStore();

        await store.SetAsync("scope", "key", "value", CancellationToken.None);

        Assert.True(File.Exists(store.DatabasePath));
        Assert.Equal("value", await store.GetAsync("scope", "key", CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_ExistingKey_ReplacesValue()
    {
        var store = CreateStore();

        await store.SetAsync("scope", "key", "first", CancellationToken.None);
        await store.SetAsync("scope", "key", "second", CancellationToken.None);

        Assert.Equal("second", await store.GetAsync("scope", "key", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync("scope", "missing", CancellationToken.None));
    }

    [Fact]
    public async Task GetAllAsync_Scopes_KeptApart()
    {
        var store = CreateStore();
        await store.SetAsync("a", "one", "1", CancellationToken.None);
        await store.SetAsync("a", "two", "2", CancellationToken.None);
        await store.SetAsync("b", "one", "other", CancellationToken.None);

        var all = await store.GetAllAsync("a", CancellationToken.None);

        Assert.Equal(2, all.Count);
        Assert.Equal("1", all["one"]);
        Assert.Equal("2", all["two"]);
        Assert.Empty(await store.GetAllAsync("c", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_ReturnsWhetherRemoved()
    {
        var store = CreateStore();
        await store.SetAsync("scope", "key", "value", CancellationToken.None);

        Assert.True(await store.DeleteAsync("scope", "key", CancellationToken.None));
        Assert.False(await store.DeleteAsync("scope", "key", CancellationToken.None));
        Assert.Null(await store.GetAsync("scope", "key", CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_SecondStoreOnSameFile_SeesValue()
    {
        await CreateStore().SetAsync("outposts.authentik_host", "authentik Embedded Outpost", "https://auth.example.com", CancellationToken.None);

        var reopened = CreateStore();

        Assert.Equal("https://auth.example.com", await reopened.GetAsync("outposts.authentik_host", "authentik Embedded Outpost", CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_QuotesAndUnicode_StoredVerbatim()
    {
        var store = CreateStore();
        const string Value = "it's \"quoted\"; DROP TABLE local_state; -- ü";

        await store.SetAsync("scope'", "key\"", Value, CancellationToken.None);

        Assert.Equal(Value, await store.GetAsync("scope'", "key\"", CancellationToken.None));
    }

    [Fact]
    public async Task SetAsync_ConcurrentWriters_AllValuesStored()
    {
        var first = CreateStore();
        var second = CreateStore();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(async () => await (i % 2 == 0 ? first : second).SetAsync("scope", "key" + i, "value" + i, CancellationToken.None))));

        Assert.Equal(40, (await first.GetAllAsync("scope", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task SetAsync_UpdatedAt_UsesTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var store = new SqliteLocalStateStore(Path.Combine(_directory.Path, "state.db"), time);
        await store.SetAsync("scope", "key", "value", CancellationToken.None);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + store.DatabasePath);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT updated_at FROM local_state";

        Assert.Equal("2026-01-02T03:04:05.0000000+00:00", await command.ExecuteScalarAsync());
    }
}
