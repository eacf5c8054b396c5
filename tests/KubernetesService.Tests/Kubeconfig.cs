namespace Authentik.Plugins.KubernetesService.Tests;

/// <summary>A kubeconfig file in a temporary folder that points at a test API server, deleted on dispose.</summary>
internal sealed class Kubeconfig : IDisposable
{
    public const string Context = "test-context";

    private readonly string _directory;

    public Kubeconfig(Uri server, string token)
    {
        _directory = Directory.CreateTempSubdirectory("kubernetes-service-tests-").FullName;
        Path = System.IO.Path.Combine(_directory, "config");
        File.WriteAllText(Path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test-cluster
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
            users:
            - name: test-user
              user:
                token: {token}
            contexts:
            - name: other-context
              context:
                cluster: missing-cluster
                user: test-user
            - name: {Context}
              context:
                cluster: test-cluster
                user: test-user
                namespace: default
            current-context: {Context}
            """);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
