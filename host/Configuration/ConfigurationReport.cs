using System.Text;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>Every configuration error and warning found at start, collected rather than stopping at the first.</summary>
internal sealed class ConfigurationReport
{
    private readonly List<ConfigurationProblem> _errors = [];
    private readonly List<ConfigurationProblem> _warnings = [];

    public IReadOnlyList<ConfigurationProblem> Errors => _errors;

    public IReadOnlyList<ConfigurationProblem> Warnings => _warnings;

    public bool HasErrors => _errors.Count > 0;

    public void AddError(string key, string message) => _errors.Add(new(key, message));

    public void AddWarning(string key, string message) => _warnings.Add(new(key, message));

    /// <summary>Formats every error and warning, one per line; the secret key never appears in a message.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.Append(HasErrors
            ? $"Invalid configuration: {_errors.Count} error(s), {_warnings.Count} warning(s)."
            : $"Configuration is valid: {_warnings.Count} warning(s).");
        AppendProblems(text, "error", _errors);
        AppendProblems(text, "warning", _warnings);

        return text.ToString();
    }

    private static void AppendProblems(StringBuilder text, string kind, List<ConfigurationProblem> problems)
    {
        foreach (var problem in problems)
        {
            text.Append('\n').Append("  ").Append(kind).Append(": ").Append(problem);
        }
    }
}
