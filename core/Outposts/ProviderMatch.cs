namespace Authentik.Plugins.Outposts;

/// <summary>A proxy provider that claims a request's host, with the outpost it is assigned to.</summary>
/// <param name="Outpost">The outpost the provider is assigned to.</param>
/// <param name="Provider">The provider whose external host or cookie domain matched.</param>
public sealed record ProviderMatch(OutpostConfig Outpost, ProxyProviderConfig Provider);
