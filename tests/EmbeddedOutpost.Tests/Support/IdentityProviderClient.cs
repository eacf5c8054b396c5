namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>A client registered at the test identity provider.</summary>
internal sealed record IdentityProviderClient(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris);
