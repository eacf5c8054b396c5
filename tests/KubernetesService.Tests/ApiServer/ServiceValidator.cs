using System.Text.RegularExpressions;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService.Tests.ApiServer;

/// <summary>
/// The checks the Kubernetes API server makes on a v1 Service that the reconciler can trip over:
/// names, labels, selector, type, ports and node ports. Messages use the API server's wording.
/// </summary>
internal static partial class ServiceValidator
{
    public static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public static List<string> Validate(V1Service service)
    {
        var problems = new List<string>();
        var metadata = service.Metadata;
        if (string.IsNullOrEmpty(metadata?.Name))
        {
            problems.Add("metadata.name: Required value: name or generateName is required");
        }
        else if (metadata.Name.Length > 63 || !Dns1035Label().IsMatch(metadata.Name))
        {
            problems.Add($"metadata.name: Invalid value: \"{metadata.Name}\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character");
        }

        ValidateLabels("metadata.labels", metadata?.Labels, problems);
        var spec = service.Spec;
        if (spec is null)
        {
            problems.Add("spec: Required value");
            return problems;
        }

        ValidateLabels("spec.selector", spec.Selector, problems);
        var type = spec.Type ?? "ClusterIP";
        if (!Types.Contains(type, StringComparer.Ordinal))
        {
            problems.Add($"spec.type: Unsupported value: \"{type}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        }

        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && type != "ExternalName" && spec.ClusterIP != "None")
        {
            problems.Add("spec.ports: Required value");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < ports.Count; index++)
        {
            ValidatePort($"spec.ports[{index}]", ports[index], type, ports.Count > 1, names, problems);
        }

        return problems;
    }

    private static void ValidatePort(string field, V1ServicePort port, string type, bool nameRequired, HashSet<string> names, List<string> problems)
    {
        if (string.IsNullOrEmpty(port.Name))
        {
            if (nameRequired)
            {
                problems.Add($"{field}.name: Required value");
            }
        }
        else if (!IsServiceName(port.Name))
        {
            problems.Add($"{field}.name: Invalid value: \"{port.Name}\": must be no more than 15 characters, contain only lowercase alphanumeric characters or '-', contain at least one letter and not start, end or repeat '-'");
        }
        else if (!names.Add(port.Name))
        {
            problems.Add($"{field}.name: Duplicate value: \"{port.Name}\"");
        }

        if (port.Port is < 1 or > 65535)
        {
            problems.Add($"{field}.port: Invalid value: {port.Port}: must be between 1 and 65535, inclusive");
        }

        if (port.Protocol is { } protocol && !Protocols.Contains(protocol, StringComparer.Ordinal))
        {
            problems.Add($"{field}.protocol: Unsupported value: \"{protocol}\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        }

        var target = port.TargetPort?.Value;
        if (target is not null)
        {
            var valid = int.TryParse(target, out var number) ? number is >= 1 and <= 65535 : IsServiceName(target);
            if (!valid)
            {
                problems.Add($"{field}.targetPort: Invalid value: \"{target}\": must be a port number between 1 and 65535 or a port name");
            }
        }

        if (port.NodePort is { } nodePort)
        {
            if (type is "ClusterIP" or "ExternalName")
            {
                problems.Add($"{field}.nodePort: Forbidden: may not be used when `type` is '{type}'");
            }
            else if (nodePort is < 30000 or > 32767)
            {
                problems.Add($"{field}.nodePort: Invalid value: {nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767");
            }
        }
    }

    private static void ValidateLabels(string field, IDictionary<string, string>? labels, List<string> problems)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            var slash = key.LastIndexOf('/');
            var prefix = slash < 0 ? null : key[..slash];
            var name = slash < 0 ? key : key[(slash + 1)..];
            var keyValid = name.Length is > 0 and <= 63 && LabelName().IsMatch(name)
                && (prefix is null || (prefix.Length <= 253 && Dns1123Subdomain().IsMatch(prefix)));
            if (!keyValid)
            {
                problems.Add($"{field}: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            }

            if (value.Length > 63 || (value.Length > 0 && !LabelName().IsMatch(value)))
            {
                problems.Add($"{field}: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
            }
        }
    }

    private static bool IsServiceName(string value) =>
        value.Length <= 15 && ServiceName().IsMatch(value) && value.Any(char.IsAsciiLetterLower) && !value.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ServiceName();
}
