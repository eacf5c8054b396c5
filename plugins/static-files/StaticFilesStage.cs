using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// The routing stage that serves authentik's static paths from disk, before the embedded outpost
/// and the backend see them: <c>/static/dist/</c>, <c>/static/authentik/</c>, the interfaces'
/// <c>assets</c> paths, <c>/media/</c>, <c>/help/</c>, <c>/robots.txt</c> and
/// <c>/.well-known/security.txt</c>.
/// </summary>
public sealed class StaticFilesStage : IRoutingStage, IDisposable
{
    private readonly StaticFilesResponder _responder;
    private readonly bool _authentikHostsOnly;

    /// <summary>Opens the configured folders; a missing folder is logged as a warning.</summary>
    /// <exception cref="OptionsValidationException">The settings are invalid; every failure is logged first.</exception>
    /// <param name="options">The plugin's settings.</param>
    /// <param name="environment">The host's environment, required by ASP.NET Core's static-file middleware.</param>
    /// <param name="loggerFactory">Creates the stage's logger.</param>
    public StaticFilesStage(IOptions<StaticFilesOptions> options, IWebHostEnvironment environment, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var settings = ReadSettings(options, loggerFactory);
        _authentikHostsOnly = settings.AuthentikHostsOnly;
        _responder = new StaticFilesResponder(settings, environment, loggerFactory);
    }

    /// <inheritdoc />
    public string Name => RoutingStageNames.Static;

    /// <inheritdoc />
    public string Destination => RoutingDestinations.Static;

    /// <inheritdoc />
    public StagePlacement Placement { get; } = StagePlacement.Before(RoutingStageNames.OutpostPaths);

    /// <inheritdoc />
    public bool Matches(in RoutingRequest request)
    {
        if (_authentikHostsOnly && request.Match is not null)
        {
            return false;
        }

        var match = StaticPathMatcher.Match(request.Path.Value);
        return match.IsMatch && _responder.Serves(match.Content);
    }

    /// <inheritdoc />
    public Task HandleAsync(RoutingRequest request) => _responder.HandleAsync(request.HttpContext);

    /// <inheritdoc />
    public void Dispose() => _responder.Dispose();

    private static StaticFilesOptions ReadSettings(IOptions<StaticFilesOptions> options, ILoggerFactory loggerFactory)
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException exception)
        {
            Log.SettingsInvalid(loggerFactory.CreateLogger<StaticFilesStage>(), string.Join(" ", exception.Failures));
            throw;
        }
    }
}
