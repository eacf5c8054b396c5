using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>Outposts read from a source, with every problem found in them.</summary>
/// <param name="Outposts">The outposts; use them only when <see cref="OutpostValidationReport.IsValid"/> is set.</param>
/// <param name="Report">Errors and warnings.</param>
internal sealed record OutpostLoadResult(IReadOnlyList<OutpostConfig> Outposts, OutpostValidationReport Report);
