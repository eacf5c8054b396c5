namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Who sent a request, as far as the outpost can tell.</summary>
/// <param name="Identity">The signed-in user, or <see langword="null"/>.</param>
/// <param name="HeaderRejected">Whether an <c>Authorization</c> header was checked and proved no identity.</param>
/// <param name="FromAuthorizationHeader">Whether <paramref name="Identity"/> comes from the <c>Authorization</c> header, which then is not forwarded.</param>
internal sealed record AuthenticationOutcome(OutpostIdentity? Identity, bool HeaderRejected, bool FromAuthorizationHeader);
