using Authentik.Plugins.Host.Outposts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.Outposts.Tests;

public sealed class FileOutpostSourceTests : IDisposable
{
    private const string ValidYaml = """
        outposts:
          instances:
            - name: authentik Embedded Outpost
              config:
                authentik_host: https://auth.example.com
              providers:
                - name: whoami
                  external_host: https://whoami.example.com
                  internal_host: http://whoami:80
                  client_id: whoami-client
                  client_secret: whoami-secret
                - name: domain
                  mode: forward_domain
                  external_host: https://auth.example.com
                  cookie_domain: example.com
                  client_id: domain-client
                  client_secret: domain-secret
                  skip_path_regex: |
                    ^/health$
                    ^/api/
        """;

    private readonly TemporaryDirectory _directory = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        _logs.Dispose();
        _directory.Dispose();
    }

    private (IConfigurationRoot Configuration, FileOutpostSource Source, OutpostSnapshotStore Store) Start(string yaml)
    {
        var path = _directory.Combine("config.yml");
        File.WriteAllText(path, yaml);
        var configuration = new ConfigurationBuilder().AddYamlFile(path, optional: false, reloadOnChange: false).Build();
        var factory = _logs.CreateFactory();
        var store = new OutpostSnapshotStore(factory.CreateLogger<OutpostSnapshotStore>());
        var source = new FileOutpostSource(configuration, store, factory.CreateLogger<FileOutpostSource>());
        source.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (configuration, source, store);
    }

    private void Rewrite(IConfigurationRoot configuration, string yaml)
    {
        File.WriteAllText(_directory.Combine("config.yml"), yaml);
        configuration.Reload();
    }

    [Fact]
    public void Start_YamlFile_PublishesOutpostsAndProviders()
    {
        var (_, source, store) = Start(ValidYaml);
        using var _ = source;

        var embedded = store.GetSnapshot().Embedded!;
        Assert.Equal(["whoami", "domain"], embedded.Providers.Select(provider => provider.Name));
        Assert.Equal(ProxyMode.ForwardDomain, embedded.Providers[1].Mode);
        Assert.Equal("^/health$\n^/api/", embedded.Providers[1].SkipPathRegex);
        Assert.Equal("whoami", store.Find("whoami.example.com")?.Provider.Name);
        Assert.Equal("domain", store.Find("grafana.example.com")?.Provider.Name);
        Assert.Single(_logs.WithEventId(1200));
    }

    [Fact]
    public void Start_NoOutpostsSection_ServesDefaultEmbeddedOutpost()
    {
        var (_, source, store) = Start("log_level: info\n");
        using var _ = source;

        var outpost = Assert.Single(store.GetSnapshot().Outposts);
        Assert.Equal(OutpostConstants.EmbeddedName, outpost.Name);
        Assert.True(outpost.IsEmbedded);
        Assert.Empty(outpost.Providers);
    }

    [Fact]
    public void Reload_InvalidFile_KeepsLastGoodAndLogsEveryError()
    {
        var (configuration, source, store) = Start(ValidYaml);
        using var _ = source;
        var good = store.GetSnapshot();

        Rewrite(configuration, ValidYaml
            .Replace("internal_host: http://whoami:80", "mode: proxy", StringComparison.Ordinal)
            .Replace("https://auth.example.com\n      providers", "auth.example.com\n      providers", StringComparison.Ordinal));

        Assert.Same(good, store.GetSnapshot());
        Assert.False(good.ChangeToken.HasChanged);
        Assert.Equal(
        [
            "outpost 'authentik Embedded Outpost', key authentik_host: authentik_host 'auth.example.com' is not a full URL; set it to https://auth.example.com (scheme and host, optional port).",
            "provider 'whoami' of outpost 'authentik Embedded Outpost', key internal_host: internal_host is missing; a provider in proxy mode forwards requests to it, so set it to the application's URL, for example http://app:8080, or set mode to forward_single or forward_domain.",
        ],
        _logs.WithEventId(1202).Select(entry => entry.Message));
        Assert.Equal(
            ["The changed outposts:instances has 2 errors and was not applied; outpost configuration revision 1 stays active."],
            _logs.WithEventId(1204).Select(entry => entry.Message));
    }

    [Fact]
    public void Reload_FixedFile_PublishesNewRevision()
    {
        var (configuration, source, store) = Start(ValidYaml);
        using var _ = source;
        Rewrite(configuration, ValidYaml.Replace("mode: forward_domain", "mode: forward_everything", StringComparison.Ordinal));
        var kept = store.GetSnapshot();

        Rewrite(configuration, ValidYaml.Replace("whoami.example.com", "who.example.com", StringComparison.Ordinal));

        Assert.True(kept.ChangeToken.HasChanged);
        Assert.Equal(2, store.GetSnapshot().Revision);
        Assert.Equal("whoami", store.Find("who.example.com")?.Provider.Name);
        Assert.Equal("domain", store.Find("whoami.example.com")?.Provider.Name);
    }

    [Fact]
    public void Reload_UnrelatedChange_PublishesNothing()
    {
        var (configuration, source, store) = Start(ValidYaml);
        using var _ = source;

        Rewrite(configuration, "log_level: debug\n" + ValidYaml);

        Assert.Equal(1, store.GetSnapshot().Revision);
    }

    [Fact]
    public void Reload_SectionGone_KeepsLastGood()
    {
        var (configuration, source, store) = Start(ValidYaml);
        using var _ = source;
        var good = store.GetSnapshot();

        Rewrite(configuration, "log_level: info\n");

        Assert.Same(good, store.GetSnapshot());
        Assert.Single(_logs.WithEventId(1205));
    }

    [Fact]
    public void Start_InvalidFile_ServesEmbeddedOutpostWithoutProviders()
    {
        var (_, source, store) = Start(ValidYaml.Replace("https://whoami.example.com", "whoami.example.com", StringComparison.Ordinal));
        using var _ = source;

        Assert.Equal(0, store.GetSnapshot().Revision);
        Assert.Empty(store.GetSnapshot().Embedded!.Providers);
        Assert.Equal(
            ["outposts:instances has 1 errors; the embedded outpost runs without providers until they are fixed."],
            _logs.WithEventId(1203).Select(entry => entry.Message));
    }

    [Fact]
    public async Task Reload_FileWatcher_AppliesChangeWithoutExplicitReload()
    {
        var path = _directory.Combine("watched.yml");
        await File.WriteAllTextAsync(path, ValidYaml);
        var configuration = new ConfigurationBuilder().AddYamlFile(path, optional: false, reloadOnChange: true).Build();
        var factory = _logs.CreateFactory();
        var store = new OutpostSnapshotStore(factory.CreateLogger<OutpostSnapshotStore>());
        using var source = new FileOutpostSource(configuration, store, factory.CreateLogger<FileOutpostSource>());
        await source.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(path, ValidYaml.Replace("whoami.example.com", "whoami.watched.test", StringComparison.Ordinal));

        for (var attempt = 0; attempt < 600 && store.Find("whoami.watched.test") is null; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("whoami", store.Find("whoami.watched.test")?.Provider.Name);
    }
}
