namespace Authentik.Plugins.KubernetesService;

/// <summary>An outpost that exists, and where its Service belongs on one connection.</summary>
/// <param name="Outpost">The outpost name.</param>
/// <param name="Location">
/// <c>namespace/name</c> of the outpost's Service on the connection, or <see langword="null"/> when
/// its Services there are left alone: it uses another connection, disables the Service, or has an
/// invalid naming template.
/// </param>
internal sealed record ServiceOwner(string Outpost, string? Location);
