namespace Authentik.Plugins.Routing;

/// <summary>
/// Where a routing stage stands: directly before or after another stage, named by
/// <see cref="Anchor"/>. Stages that share an anchor and a relation keep the order in which the
/// host registered them (built-in stages first, then plugins in folder-name order).
/// </summary>
/// <param name="Relation">Before or after the anchor.</param>
/// <param name="Anchor">Name of the stage this one is placed against, see <see cref="RoutingStageNames"/>.</param>
public readonly record struct StagePlacement(StageRelation Relation, string Anchor)
{
    /// <summary>Places a stage directly before <paramref name="anchor"/>.</summary>
    /// <param name="anchor">Name of an existing stage.</param>
    public static StagePlacement Before(string anchor) => new(StageRelation.Before, anchor);

    /// <summary>Places a stage directly after <paramref name="anchor"/>.</summary>
    /// <param name="anchor">Name of an existing stage; it must not be <see cref="RoutingStageNames.Core"/>.</param>
    public static StagePlacement After(string anchor) => new(StageRelation.After, anchor);

    /// <inheritdoc />
    public override string ToString() => $"{Relation.ToString().ToLowerInvariant()} '{Anchor}'";
}
