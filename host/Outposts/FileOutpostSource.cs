using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Reads outposts from <c>outposts:instances</c> at start and again whenever the configuration
/// reloads (its reload token fires when a configuration file changes). A valid configuration is
/// published as a new snapshot; an invalid one is logged error by error and the last valid
/// snapshot stays in use.
/// </summary>
internal sealed partial class FileOutpostSource : IHostedService, IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly OutpostSnapshotStore _store;
    private readonly ILogger<FileOutpostSource> _logger;
    private readonly Lock _loadLock = new();
    private IDisposable? _reloadRegistration;
    private string? _lastSection;
    private bool _hasLoaded;

    /// <summary>Creates the source.</summary>
    /// <param name="configuration">The host's whole configuration.</param>
    /// <param name="store">Where valid outposts are published.</param>
    /// <param name="logger">Logs loads, warnings and errors.</param>
    public FileOutpostSource(IConfiguration configuration, OutpostSnapshotStore store, ILogger<FileOutpostSource> logger)
    {
        _configuration = configuration;
        _store = store;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Load();
        _reloadRegistration = ChangeToken.OnChange(_configuration.GetReloadToken, Load);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _reloadRegistration?.Dispose();
        _reloadRegistration = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => _reloadRegistration?.Dispose();

    /// <summary>Reads the declared outposts and publishes them when they changed and are valid.</summary>
    public void Load()
    {
        lock (_loadLock)
        {
            // The reload token fires for every configuration change; skip those that leave the
            // outposts as they were.
            var section = ConfigurationJson.ToNode(_configuration.GetSection(FileOutpostReader.InstancesKey))?.ToJsonString() ?? "";
            if (section == _lastSection)
            {
                return;
            }

            // A configuration file that fails to parse on reload, or is briefly missing while an
            // editor replaces it, loses all its keys. So removing every outpost takes a restart.
            if (section.Length == 0 && _hasLoaded && !string.IsNullOrEmpty(_lastSection))
            {
                Log.SectionVanished(_logger, _store.Current.Snapshot.Revision);
                _lastSection = section;
                return;
            }

            _lastSection = section;
            var result = FileOutpostReader.Read(_configuration);
            foreach (var warning in result.Report.Warnings)
            {
                Log.ConfigurationWarning(_logger, warning.Subject, warning.Key, warning.Message);
            }

            if (!result.Report.IsValid)
            {
                foreach (var error in result.Report.Errors)
                {
                    Log.ConfigurationError(_logger, error.Subject, error.Key, error.Message);
                }

                if (!_hasLoaded)
                {
                    Log.InitialConfigurationRejected(_logger, result.Report.Errors.Count);
                }
                else
                {
                    Log.ReloadRejected(_logger, result.Report.Errors.Count, _store.Current.Snapshot.Revision);
                }

                return;
            }

            _hasLoaded = true;
            _store.PublishOutposts(result.Outposts);
            Log.ConfigurationLoaded(_logger, result.Outposts.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, EventName = nameof(ConfigurationLoaded), Level = LogLevel.Information,
            Message = "Read {OutpostCount} outposts from outposts:instances.")]
        public static partial void ConfigurationLoaded(ILogger logger, int outpostCount);

        [LoggerMessage(EventId = 1201, EventName = nameof(ConfigurationWarning), Level = LogLevel.Warning,
            Message = "{Subject}, key {Key}: {Problem}")]
        public static partial void ConfigurationWarning(ILogger logger, string subject, string key, string problem);

        [LoggerMessage(EventId = 1202, EventName = nameof(ConfigurationError), Level = LogLevel.Error,
            Message = "{Subject}, key {Key}: {Problem}")]
        public static partial void ConfigurationError(ILogger logger, string subject, string key, string problem);

        [LoggerMessage(EventId = 1203, EventName = nameof(InitialConfigurationRejected), Level = LogLevel.Error,
            Message = "outposts:instances has {ErrorCount} errors; the embedded outpost runs without providers until they are fixed.")]
        public static partial void InitialConfigurationRejected(ILogger logger, int errorCount);

        [LoggerMessage(EventId = 1204, EventName = nameof(ReloadRejected), Level = LogLevel.Error,
            Message = "The changed outposts:instances has {ErrorCount} errors and was not applied; outpost configuration revision {Revision} stays active.")]
        public static partial void ReloadRejected(ILogger logger, int errorCount, long revision);

        [LoggerMessage(EventId = 1205, EventName = nameof(SectionVanished), Level = LogLevel.Warning,
            Message = "outposts:instances is gone from the reloaded configuration, which happens when a configuration file fails to parse; outpost configuration revision {Revision} stays active. Restart the host to remove every outpost on purpose.")]
        public static partial void SectionVanished(ILogger logger, long revision);
    }
}
