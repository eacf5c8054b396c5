using System.Globalization;
using System.Text.Json.Nodes;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>Reads the outposts declared in the configuration list <c>outposts:instances</c>.</summary>
internal static class FileOutpostReader
{
    /// <summary>The configuration key of the list of outposts.</summary>
    public const string InstancesKey = "outposts:instances";

    /// <summary>
    /// Returns the declared outposts and every problem in them. When no declared outpost is the
    /// embedded one, the default embedded outpost (authentik's name, no providers) comes first.
    /// </summary>
    /// <param name="configuration">The host's whole configuration.</param>
    public static OutpostLoadResult Read(IConfiguration configuration)
    {
        var problems = new List<OutpostProblem>();
        var outposts = new List<OutpostConfig>();
        switch (ConfigurationJson.ToNode(configuration.GetSection(InstancesKey)))
        {
            case null:
                break;
            case JsonArray list:
                ReadList(list, outposts, problems);
                break;
            default:
                problems.Add(new OutpostProblem(OutpostProblemSeverity.Error, InstancesKey, "instances", $"{InstancesKey} is not a list; write each outpost as a list item with name, config and providers."));
                break;
        }

        if (!outposts.Exists(outpost => outpost.IsEmbedded))
        {
            outposts.Insert(0, OutpostReader.CreateDefaultEmbedded());
        }

        OutpostConfigValidator.Validate(outposts, problems);
        return new OutpostLoadResult(outposts, new OutpostValidationReport(problems));
    }

    private static void ReadList(JsonArray list, List<OutpostConfig> outposts, List<OutpostProblem> problems)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject item)
            {
                var position = (i + 1).ToString(CultureInfo.InvariantCulture);
                problems.Add(new OutpostProblem(OutpostProblemSeverity.Error, $"outpost #{position}", "instances", $"{InstancesKey} entry #{position} is not a map; write each outpost as a map with name, config and providers."));
                continue;
            }

            if (OutpostReader.Read(item, i, providers: null, reportUnknownKeys: true, problems) is { } outpost)
            {
                outposts.Add(outpost);
            }
        }
    }
}
