using System.Globalization;
using Authentik.Plugins.Host.Outposts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class OutpostSnapshotStoreTests
{
    private const int HostCount = 20;

    private static OutpostConfig Revision(int revision)
    {
        var providers = new ProxyProviderConfig[HostCount];
        for (var i = 0; i < HostCount; i++)
        {
            providers[i] = TestOutposts.Provider(
                string.Create(CultureInfo.InvariantCulture, $"r{revision}-p{i}"),
                string.Create(CultureInfo.InvariantCulture, $"https://h{i}.example.com"));
        }

        return TestOutposts.Embedded(providers) with { Settings = new OutpostSettings { RefreshInterval = string.Create(CultureInfo.InvariantCulture, $"seconds={revision}") } };
    }

    private static string RevisionOf(ProxyProviderConfig provider) => provider.Name[..provider.Name.IndexOf('-', StringComparison.Ordinal)];

    [Fact]
    public void New_Store_ServesDefaultEmbeddedOutpost()
    {
        var store = new OutpostSnapshotStore(NullLogger<OutpostSnapshotStore>.Instance);

        var snapshot = store.GetSnapshot();

        Assert.Equal(0, snapshot.Revision);
        Assert.Equal(OutpostConstants.EmbeddedName, snapshot.Embedded?.Name);
        Assert.Empty(snapshot.Embedded!.Providers);
        Assert.Null(store.Find("anything.example.com"));
    }

    [Fact]
    public void PublishOutposts_Swap_FiresOldChangeTokenAndServesNewTable()
    {
        var store = new OutpostSnapshotStore(NullLogger<OutpostSnapshotStore>.Instance);
        var old = store.GetSnapshot();
        var fired = 0;
        old.ChangeToken.RegisterChangeCallback(_ => Interlocked.Increment(ref fired), null);

        store.PublishOutposts([Revision(1)]);

        Assert.True(old.ChangeToken.HasChanged);
        Assert.Equal(1, fired);
        Assert.False(store.GetSnapshot().ChangeToken.HasChanged);
        Assert.Equal(1, store.GetSnapshot().Revision);
        Assert.Equal("r1-p3", store.Find("h3.example.com")?.Provider.Name);
    }

    [Fact]
    public async Task PublishOutposts_ConcurrentReaders_NeverSeeHalfAnUpdate()
    {
        var store = new OutpostSnapshotStore(NullLogger<OutpostSnapshotStore>.Instance);
        store.PublishOutposts([Revision(0)]);
        const int Revisions = 300;
        using var done = new CancellationTokenSource();
        var seen = new List<OutpostSnapshot>[4];
        using var started = new CountdownEvent(seen.Length);

        var readers = Enumerable.Range(0, seen.Length).Select(index => Task.Run(() =>
        {
            var snapshots = seen[index] = [];
            var mismatches = new List<string>();
            started.Signal();
            while (!done.IsCancellationRequested)
            {
                var state = store.Current;
                var embedded = state.Snapshot.Embedded!;
                var expected = RevisionOf(embedded.Providers[0]);
                for (var i = 0; i < HostCount; i++)
                {
                    var host = string.Create(CultureInfo.InvariantCulture, $"h{i}.example.com");
                    var fromTable = state.Table.Find(host)!.Provider;
                    if (RevisionOf(embedded.Providers[i]) != expected || RevisionOf(fromTable) != expected)
                    {
                        mismatches.Add($"{expected}: {embedded.Providers[i].Name} / {fromTable.Name}");
                    }
                }

                if (embedded.Settings.RefreshInterval != "seconds=" + expected[1..])
                {
                    mismatches.Add($"{expected}: settings {embedded.Settings.RefreshInterval}");
                }

                snapshots.Add(state.Snapshot);
            }

            return mismatches;
        })).ToArray();

        Assert.True(started.Wait(TimeSpan.FromMinutes(1)));
        for (var revision = 1; revision <= Revisions; revision++)
        {
            store.PublishOutposts([Revision(revision)]);
            Thread.Yield();
        }

        await done.CancelAsync();
        var results = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(results.SelectMany(mismatches => mismatches));
        Assert.All(seen.SelectMany(snapshots => snapshots).Where(snapshot => snapshot.Revision < store.GetSnapshot().Revision),
            snapshot => Assert.True(snapshot.ChangeToken.HasChanged));
        Assert.Equal(Revisions + 1, store.GetSnapshot().Revision);
    }

    [Fact]
    public void PublishAuthentikHosts_OverridesSourceValue()
    {
        var store = new OutpostSnapshotStore(NullLogger<OutpostSnapshotStore>.Instance);
        store.PublishOutposts([TestOutposts.Embedded() with { Settings = new OutpostSettings { AuthentikHost = "https://configured.example.com" } }]);

        var changed = store.PublishAuthentikHosts(new Dictionary<string, string> { [OutpostConstants.EmbeddedName] = "https://stored.example.com" });
        var unchanged = store.PublishAuthentikHosts(new Dictionary<string, string> { [OutpostConstants.EmbeddedName] = "https://stored.example.com" });

        Assert.True(changed);
        Assert.False(unchanged);
        Assert.Equal(2, store.GetSnapshot().Revision);
        Assert.Equal("https://stored.example.com", store.GetSnapshot().Embedded?.Settings.AuthentikHost);

        store.PublishOutposts([TestOutposts.Embedded()]);

        Assert.Equal("https://stored.example.com", store.GetSnapshot().Embedded?.Settings.AuthentikHost);
    }
}
