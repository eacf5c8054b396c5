namespace Authentik.Plugins.Outposts;

/// <summary>Every problem found in one outpost configuration, errors and warnings apart.</summary>
public sealed class OutpostValidationReport
{
    /// <summary>Creates a report from the problems found, in the order they were found.</summary>
    /// <param name="problems">Errors and warnings.</param>
    public OutpostValidationReport(IEnumerable<OutpostProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);

        var all = problems.ToArray();
        Errors = Array.FindAll(all, problem => problem.Severity == OutpostProblemSeverity.Error);
        Warnings = Array.FindAll(all, problem => problem.Severity == OutpostProblemSeverity.Warning);
    }

    /// <summary>Problems that reject the configuration.</summary>
    public IReadOnlyList<OutpostProblem> Errors { get; }

    /// <summary>Problems that leave the configuration usable.</summary>
    public IReadOnlyList<OutpostProblem> Warnings { get; }

    /// <summary>Whether the configuration has no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}
