using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Orders routing stages: the built-in stages in authentik's order, and each other stage directly
/// before or after its anchor. Stages that share an anchor and a relation keep their registration
/// order. A stage with an empty or duplicate name, an unknown anchor, a place after
/// <c>core</c>, or a placement cycle is left out with an error; the others are kept.
/// </summary>
internal sealed class StageOrder
{
    private StageOrder(IReadOnlyList<StageRegistration> stages, IReadOnlyList<StageOrderError> errors)
    {
        Stages = stages;
        Errors = errors;
    }

    /// <summary>The stages in the order requests pass them; <c>core</c> is last.</summary>
    public IReadOnlyList<StageRegistration> Stages { get; }

    public IReadOnlyList<StageOrderError> Errors { get; }

    public static StageOrder Build(IReadOnlyList<StageRegistration> builtIns, IReadOnlyList<StageRegistration> added)
    {
        ArgumentNullException.ThrowIfNull(builtIns);
        ArgumentNullException.ThrowIfNull(added);

        var errors = new List<StageOrderError>();
        var names = new Dictionary<string, StageRegistration>(StringComparer.OrdinalIgnoreCase);
        foreach (var builtIn in builtIns)
        {
            names.Add(builtIn.Stage.Name, builtIn);
        }

        var accepted = AcceptUniqueNames(added, names, errors);
        var before = new Dictionary<string, List<StageRegistration>>(StringComparer.OrdinalIgnoreCase);
        var after = new Dictionary<string, List<StageRegistration>>(StringComparer.OrdinalIgnoreCase);
        var placed = new List<StageRegistration>();
        foreach (var registration in accepted)
        {
            if (PlacementError(registration, names) is { } message)
            {
                errors.Add(new(registration.Stage.Name, registration.Source, message));
                continue;
            }

            var placement = registration.Stage.Placement;
            var anchors = placement.Relation == StageRelation.Before ? before : after;
            if (!anchors.TryGetValue(placement.Anchor, out var list))
            {
                list = [];
                anchors.Add(placement.Anchor, list);
            }

            list.Add(registration);
            placed.Add(registration);
        }

        var ordered = new List<StageRegistration>();
        foreach (var builtIn in builtIns)
        {
            Append(builtIn, before, after, ordered);
        }

        // Stages whose anchors form a cycle are never reached from a built-in stage.
        foreach (var registration in placed)
        {
            if (!ordered.Contains(registration))
            {
                errors.Add(new(
                    registration.Stage.Name,
                    registration.Source,
                    $"its placement {registration.Stage.Placement} forms a cycle with other stages; anchor it to a built-in stage or a stage outside the cycle."));
            }
        }

        return new StageOrder(ordered, errors);
    }

    private static List<StageRegistration> AcceptUniqueNames(
        IReadOnlyList<StageRegistration> added,
        Dictionary<string, StageRegistration> names,
        List<StageOrderError> errors)
    {
        var accepted = new List<StageRegistration>();
        foreach (var registration in added)
        {
            var name = registration.Stage.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new(name ?? "", registration.Source, $"the stage {registration.Stage.GetType().FullName} has an empty name; give it a unique name."));
            }
            else if (names.TryGetValue(name, out var existing))
            {
                errors.Add(new(name, registration.Source, $"the name '{name}' is already taken by a stage from {existing.Source}; stage names must be unique (compared case-insensitively)."));
            }
            else
            {
                names.Add(name, registration);
                accepted.Add(registration);
            }
        }

        return accepted;
    }

    private static string? PlacementError(StageRegistration registration, Dictionary<string, StageRegistration> names)
    {
        var placement = registration.Stage.Placement;
        if (string.IsNullOrWhiteSpace(placement.Anchor))
        {
            return "its placement names no anchor stage; place it before or after a stage such as 'core'.";
        }

        if (!names.ContainsKey(placement.Anchor))
        {
            return $"its placement {placement} names an unknown stage; known stages are {string.Join(", ", names.Keys.Select(name => $"'{name}'"))}.";
        }

        if (placement.Relation == StageRelation.After && string.Equals(placement.Anchor, RoutingStageNames.Core, StringComparison.OrdinalIgnoreCase))
        {
            return "it is placed after 'core', which handles every request and must stay last; place it before 'core' instead.";
        }

        return placement.Relation is StageRelation.Before or StageRelation.After
            ? null
            : $"its placement relation '{placement.Relation}' is neither Before nor After.";
    }

    private static void Append(
        StageRegistration registration,
        Dictionary<string, List<StageRegistration>> before,
        Dictionary<string, List<StageRegistration>> after,
        List<StageRegistration> ordered)
    {
        var name = registration.Stage.Name;
        if (before.TryGetValue(name, out var earlier))
        {
            foreach (var stage in earlier)
            {
                Append(stage, before, after, ordered);
            }
        }

        ordered.Add(registration);

        if (after.TryGetValue(name, out var later))
        {
            foreach (var stage in later)
            {
                Append(stage, before, after, ordered);
            }
        }
    }
}
