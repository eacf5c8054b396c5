using System.Text.Json;
using System.Text.Json.Nodes;
using Authentik.Plugins.Deployment;

namespace Authentik.Plugins.Host.Deployment;

/// <summary>Writes the plans of a <c>deploy</c> run for people (text) and for programs (JSON).</summary>
internal static class DeploymentReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes one block per integration: each action with its reason and labels, then each error, then a summary line.</summary>
    public static void WriteText(TextWriter output, IReadOnlyList<DeploymentPlan> plans, bool apply)
    {
        foreach (var plan in plans)
        {
            output.WriteLine($"Integration {plan.Integration}:");
            if (plan.Actions.Count == 0 && plan.Errors.Count == 0)
            {
                output.WriteLine("  No outpost uses this integration.");
            }

            foreach (var action in plan.Actions)
            {
                var target = action.ObjectName.Length == 0 ? "" : $" {action.Resource} {action.ObjectName}";
                output.WriteLine($"  {FormatKind(action.Kind, apply)}: outpost {action.Outpost}{target}");
                output.WriteLine($"    {action.Reason}");
                if (action.Labels.Count > 0)
                {
                    output.WriteLine("    labels:");
                    foreach (var (key, value) in action.Labels)
                    {
                        output.WriteLine($"      {key}={value}");
                    }
                }
            }

            foreach (var error in plan.Errors)
            {
                var connection = error.Connection.Length == 0 ? "" : $" on {error.Connection}";
                output.WriteLine($"  error: outpost {error.Outpost}{connection}: {error.Message}");
            }
        }

        output.WriteLine(Summarize(plans, apply));
    }

    /// <summary>Writes the plans as one JSON object with snake_case keys.</summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<DeploymentPlan> plans, bool apply, string? outpostFilter)
    {
        var report = new JsonObject
        {
            ["command"] = apply ? "apply" : "plan",
            ["outpost"] = outpostFilter,
            ["has_changes"] = plans.Any(plan => plan.HasChanges),
            ["error_count"] = plans.Sum(plan => plan.Errors.Count),
            ["summary"] = Summarize(plans, apply),
            ["integrations"] = new JsonArray(plans.Select(plan => (JsonNode?)ToJson(plan)).ToArray()),
        };

        output.WriteLine(report.ToJsonString(JsonOptions));
    }

    /// <summary>Returns the last line of a report, which states whether anything changes and how many errors there were.</summary>
    public static string Summarize(IReadOnlyList<DeploymentPlan> plans, bool apply)
    {
        var changes = plans.Sum(plan => plan.Actions.Count(action => action.Kind is not (DeploymentActionKind.Unchanged or DeploymentActionKind.Skipped)));
        var errors = plans.Sum(plan => plan.Errors.Count);
        var changeText = (apply, changes) switch
        {
            (true, 0) => "Nothing changed.",
            (false, 0) => "Nothing to change.",
            (true, _) => $"Applied {changes} {(changes == 1 ? "change" : "changes")}.",
            (false, _) => $"Plan: {changes} {(changes == 1 ? "change" : "changes")}.",
        };

        return errors == 0 ? changeText : $"{changeText} {errors} {(errors == 1 ? "error" : "errors")}.";
    }

    private static JsonObject ToJson(DeploymentPlan plan) => new()
    {
        ["integration"] = plan.Integration,
        ["has_changes"] = plan.HasChanges,
        ["actions"] = new JsonArray(plan.Actions.Select(action => (JsonNode?)new JsonObject
        {
            ["outpost"] = action.Outpost,
            ["resource"] = action.Resource,
            ["object_name"] = action.ObjectName,
            ["kind"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(action.Kind.ToString()),
            ["reason"] = action.Reason,
            ["labels"] = new JsonObject(action.Labels.Select(label => KeyValuePair.Create(label.Key, (JsonNode?)label.Value))),
            ["document"] = ParseDocument(action.Document),
        }).ToArray()),
        ["errors"] = new JsonArray(plan.Errors.Select(error => (JsonNode?)new JsonObject
        {
            ["outpost"] = error.Outpost,
            ["connection"] = error.Connection,
            ["message"] = error.Message,
        }).ToArray()),
    };

    // A JSON document is embedded as an object; YAML and other text stays a string.
    private static JsonNode? ParseDocument(string? document)
    {
        if (document is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(document);
        }
        catch (JsonException)
        {
            return document;
        }
    }

    private static string FormatKind(DeploymentActionKind kind, bool apply) => (kind, apply) switch
    {
        (DeploymentActionKind.Unchanged, _) => "unchanged",
        (DeploymentActionKind.Skipped, _) => "skipped",
        (DeploymentActionKind.Create, false) => "create",
        (DeploymentActionKind.Create, true) => "created",
        (DeploymentActionKind.Update, false) => "update",
        (DeploymentActionKind.Update, true) => "updated",
        (DeploymentActionKind.Recreate, false) => "recreate",
        (DeploymentActionKind.Recreate, true) => "recreated",
        (DeploymentActionKind.Start, false) => "start",
        (DeploymentActionKind.Start, true) => "started",
        (DeploymentActionKind.Remove, false) => "remove",
        (DeploymentActionKind.Remove, true) => "removed",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
