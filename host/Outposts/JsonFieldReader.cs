using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Reads typed values from one JSON object of the outpost configuration and records a problem,
/// naming the subject and the key, for each value of the wrong type. Numbers and booleans are
/// accepted as JSON values or as strings, because configuration files deliver only strings.
/// </summary>
internal sealed class JsonFieldReader
{
    private readonly JsonObject _source;
    private readonly ICollection<OutpostProblem> _problems;

    /// <summary>Creates a reader over <paramref name="source"/>.</summary>
    /// <param name="source">The JSON object.</param>
    /// <param name="subject">The outpost or provider the object describes, see <see cref="OutpostProblemSubjects"/>.</param>
    /// <param name="problems">Where problems are added.</param>
    public JsonFieldReader(JsonObject source, string subject, ICollection<OutpostProblem> problems)
    {
        _source = source;
        Subject = subject;
        _problems = problems;
    }

    /// <summary>The outpost or provider the object describes.</summary>
    public string Subject { get; }

    /// <summary>Returns whether <paramref name="key"/> is present with a value other than null or an empty string.</summary>
    /// <param name="key">The key.</param>
    public bool Has(string key) => Find(key) is not null;

    /// <summary>Adds an error about <paramref name="key"/>.</summary>
    /// <param name="key">The key the problem is about.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public void AddError(string key, string message) =>
        _problems.Add(new OutpostProblem(OutpostProblemSeverity.Error, Subject, key, message));

    /// <summary>Adds a warning about <paramref name="key"/>.</summary>
    /// <param name="key">The key the problem is about.</param>
    /// <param name="message">What has no effect or is ignored, and what to do.</param>
    public void AddWarning(string key, string message) =>
        _problems.Add(new OutpostProblem(OutpostProblemSeverity.Warning, Subject, key, message));

    /// <summary>Adds a warning for each key that is not in <paramref name="knownKeys"/>.</summary>
    /// <param name="knownKeys">Every key the object may contain.</param>
    public void WarnAboutUnknownKeys(IReadOnlySet<string> knownKeys)
    {
        foreach (var (key, _) in _source)
        {
            if (!knownKeys.Contains(key))
            {
                AddWarning(key, $"unknown key '{key}' is ignored; check its spelling.");
            }
        }
    }

    /// <summary>Returns the value of <paramref name="key"/> as a string, or <see langword="null"/> when it is absent or empty.</summary>
    /// <param name="key">The key.</param>
    public string? ReadString(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (ReadScalar(node) is { } text)
        {
            return text;
        }

        AddError(key, $"{key} is a {Describe(node)}, not a single value; set it to a string.");
        return null;
    }

    /// <summary>Returns the value of <paramref name="key"/> as a boolean, or <paramref name="fallback"/> when it is absent or invalid.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">authentik's default for the key.</param>
    public bool ReadBoolean(string key, bool fallback)
    {
        if (Find(key) is not { } node)
        {
            return fallback;
        }

        var text = ReadScalar(node);
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        AddError(key, $"{key} '{text ?? Describe(node)}' is not a boolean; set it to true or false.");
        return fallback;
    }

    /// <summary>Returns the value of <paramref name="key"/> as a whole number, or <paramref name="fallback"/> when it is absent or invalid.</summary>
    /// <param name="key">The key.</param>
    /// <param name="fallback">authentik's default for the key.</param>
    public int ReadInt32(string key, int fallback)
    {
        if (Find(key) is not { } node)
        {
            return fallback;
        }

        var text = ReadScalar(node);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        AddError(key, $"{key} '{text ?? Describe(node)}' is not a whole number; set it to a number such as {fallback.ToString(CultureInfo.InvariantCulture)}.");
        return fallback;
    }

    /// <summary>Returns the value of <paramref name="key"/> as a map of strings, or <see langword="null"/> when it is absent or invalid.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyDictionary<string, string>? ReadStringMap(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (node is JsonObject map)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in map)
            {
                result[name] = value is null ? "" : ReadScalar(value) ?? value.ToJsonString();
            }

            return result;
        }

        AddError(key, $"{key} is a {Describe(node)}, not a map; write it as name: value pairs.");
        return null;
    }

    /// <summary>Returns the value of <paramref name="key"/> as a list of strings, or <see langword="null"/> when it is absent or invalid.</summary>
    /// <param name="key">The key.</param>
    public IReadOnlyList<string>? ReadStringList(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (node is JsonArray array)
        {
            var result = new List<string>(array.Count);
            foreach (var item in array)
            {
                if (item is not null && ReadScalar(item) is { } text)
                {
                    result.Add(text);
                }
            }

            return result;
        }

        AddError(key, $"{key} is a {Describe(node)}, not a list; write it as a list of strings.");
        return null;
    }

    /// <summary>Returns a copy of the JSON array under <paramref name="key"/>, or <see langword="null"/> when it is absent or invalid.</summary>
    /// <param name="key">The key.</param>
    public JsonArray? ReadArray(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (node is JsonArray array)
        {
            return (JsonArray)array.DeepClone();
        }

        AddError(key, $"{key} is a {Describe(node)}, not a list; write it as a list.");
        return null;
    }

    /// <summary>Returns the JSON object under <paramref name="key"/>, or <see langword="null"/> when it is absent or invalid.</summary>
    /// <param name="key">The key.</param>
    public JsonObject? ReadObject(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (node is JsonObject value)
        {
            return value;
        }

        AddError(key, $"{key} is a {Describe(node)}, not a map; write it as name: value pairs.");
        return null;
    }

    private JsonNode? Find(string key)
    {
        if (!_source.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        return node.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Length == 0 ? null : node;
    }

    private static string? ReadScalar(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "map",
        JsonArray => "list",
        _ => "value",
    };
}
