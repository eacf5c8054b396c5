using Authentik.Plugins.Outposts;
using Docker.DotNet.Models;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>
/// Published-port differences, on containers as the Docker engine records them. Podman drops
/// port bindings on the host and none networks, the only networks the engine tests use.
/// </summary>
public sealed class ContainerComparerTests
{
    public static TheoryData<string?, string?, string[]> PortCases => new()
    {
        { "9000", "9443", [] },
        { "9000", null, ["published ports"] },
        { "9001", "9443", ["published ports"] },
        { null, null, ["published ports"] },
    };

    [Theory]
    [MemberData(nameof(PortCases))]
    public void FindDifferences_PortBindings_ComparesPublishedPorts(string? httpHostPort, string? httpsHostPort, string[] expected)
    {
        var spec = Build(TestOutposts.Managed("ports", "unix:///unused", configure: settings => settings with { DockerNetwork = null }));
        var bindings = new Dictionary<string, IList<PortBinding>>();
        if (httpHostPort is not null)
        {
            bindings["9000/tcp"] = [new PortBinding { HostPort = httpHostPort }];
        }

        if (httpsHostPort is not null)
        {
            bindings["9443/tcp"] = [new PortBinding { HostIP = "0.0.0.0", HostPort = httpsHostPort }];
        }

        var differences = ContainerComparer.FindDifferences(spec, Record(spec, bindings), imageLabels: null);

        Assert.Equal(expected, differences);
    }

    [Fact]
    public void FindDifferences_PortsPublishedButMappingOff_ReportsPorts()
    {
        var spec = Build(TestOutposts.Managed("ports", "unix:///unused", configure: settings => settings with { DockerNetwork = null, DockerMapPorts = false }));
        var bindings = new Dictionary<string, IList<PortBinding>> { ["9000/tcp"] = [new PortBinding { HostPort = "9000" }] };

        Assert.Equal(["published ports"], ContainerComparer.FindDifferences(spec, Record(spec, bindings), imageLabels: null));
    }

    [Fact]
    public void FindDifferences_ImageLabel_IsNotExtra()
    {
        var spec = Build(TestOutposts.Managed("labels", "unix:///unused"));
        var container = Record(spec, new Dictionary<string, IList<PortBinding>>());
        container.Config!.Labels!["org.opencontainers.image.version"] = "1";
        container.Config.Labels["com.example.added"] = "by hand";

        var differences = ContainerComparer.FindDifferences(spec, container, new Dictionary<string, string> { ["org.opencontainers.image.version"] = "1" });

        Assert.Equal(["extra label com.example.added"], differences);
    }

    // The inspect result of a container created from spec, with the given port bindings.
    private static ContainerInspectResponse Record(ContainerSpec spec, IDictionary<string, IList<PortBinding>> bindings) => new()
    {
        Config = new ContainerConfig
        {
            Image = spec.Image,
            Env = ["PATH=/bin", .. spec.FormatEnvironment(maskToken: false)],
            Labels = new Dictionary<string, string>(spec.Labels),
        },
        HostConfig = new HostConfig
        {
            PortBindings = bindings,
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
        },
    };

    private static ContainerSpec Build(OutpostConfig outpost) => ContainerSpecBuilder.Build(outpost, "2025.8.0", [])!;
}
