using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Requests for a host of a provider of the embedded outpost that the outpost handles: every
/// request of a <c>proxy</c>-mode provider, and any request carrying authentik's sign-in callback
/// or sign-out query (<c>X-authentik-auth-callback=true</c>, <c>X-authentik-logout=true</c>).
/// </summary>
internal sealed class ProviderHostsStage : IRoutingStage
{
    private const string CallbackQueryKey = "X-authentik-auth-callback";
    private const string LogoutQueryKey = "X-authentik-logout";

    private readonly IEmbeddedOutpost _outpost;

    public ProviderHostsStage(IEmbeddedOutpost outpost)
    {
        _outpost = outpost;
    }

    public string Name => RoutingStageNames.ProviderHosts;

    public string Destination => RoutingDestinations.EmbeddedOutpost;

    public StagePlacement Placement => StagePlacement.After(RoutingStageNames.OutpostPaths);

    public bool Matches(in RoutingRequest request) =>
        request.Match is { } match
        && (match.Provider.Mode == ProxyMode.Proxy || HasQuerySignature(request.HttpContext.Request));

    public Task HandleAsync(RoutingRequest request) => _outpost.HandleAsync(request);

    private static bool HasQuerySignature(HttpRequest request)
    {
        if (!request.QueryString.HasValue)
        {
            return false;
        }

        return IsTrue(request.Query[CallbackQueryKey]) || IsTrue(request.Query[LogoutQueryKey]);
    }

    private static bool IsTrue(Microsoft.Extensions.Primitives.StringValues values) =>
        string.Equals(values.Count > 0 ? values[0] : null, "true", StringComparison.OrdinalIgnoreCase);
}
