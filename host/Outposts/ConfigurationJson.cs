using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Converts a configuration section into JSON so that outposts declared in YAML or JSON files go
/// through the same reader as the authentik API's responses. Configuration keeps only strings, so
/// scalars become JSON strings and the reader accepts numbers and booleans written as strings.
/// </summary>
internal static class ConfigurationJson
{
    /// <summary>
    /// Returns the section as a JSON node: an array when every child key is an index
    /// (<c>0</c>, <c>1</c>, …), an object when the section has other children, a string for a
    /// value, and <see langword="null"/> for a missing or empty section.
    /// </summary>
    /// <param name="section">The section to convert.</param>
    public static JsonNode? ToNode(IConfigurationSection section)
    {
        var children = section.GetChildren().ToArray();
        if (children.Length == 0)
        {
            return section.Value is null ? null : JsonValue.Create(section.Value);
        }

        if (Array.TrueForAll(children, child => int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(child => int.Parse(child.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(ToNode(child));
            }

            return array;
        }

        var result = new JsonObject();
        foreach (var child in children)
        {
            result[child.Key] = ToNode(child);
        }

        return result;
    }
}
