namespace Authentik.Plugins.KubernetesService.Tests.ApiServer;

/// <summary>The equality-based label selectors of the Kubernetes API: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c> and <c>!k</c>, joined by commas.</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Contains("!=", StringComparison.Ordinal))
            {
                var (key, value) = Split(part, "!=");
                selector._requirements.Add(labels => !labels.TryGetValue(key, out var actual) || actual != value);
            }
            else if (part.Contains('='))
            {
                var (key, value) = Split(part, part.Contains("==", StringComparison.Ordinal) ? "==" : "=");
                selector._requirements.Add(labels => labels.TryGetValue(key, out var actual) && actual == value);
            }
            else if (part.StartsWith('!'))
            {
                var key = part[1..];
                selector._requirements.Add(labels => !labels.ContainsKey(key));
            }
            else
            {
                selector._requirements.Add(labels => labels.ContainsKey(part));
            }
        }

        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(requirement => requirement(labels));

    private static (string Key, string Value) Split(string part, string separator)
    {
        var index = part.IndexOf(separator, StringComparison.Ordinal);

        return (part[..index].Trim(), part[(index + separator.Length)..].Trim());
    }
}
