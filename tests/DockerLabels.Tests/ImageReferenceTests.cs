namespace Authentik.Plugins.DockerLabels.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1", "docker.io/library/busybox:1")]
    [InlineData("goauthentik/proxy", "docker.io/goauthentik/proxy:latest")]
    [InlineData("ghcr.io/goauthentik/proxy:2025.8.0", "ghcr.io/goauthentik/proxy:2025.8.0")]
    [InlineData("localhost/image", "localhost/image:latest")]
    [InlineData("registry.local:5000/image", "registry.local:5000/image:latest")]
    [InlineData("registry.local:5000/image:2", "registry.local:5000/image:2")]
    [InlineData("busybox@sha256:abc", "docker.io/library/busybox@sha256:abc")]
    public void Normalize_Reference_AddsDockerDefaults(string reference, string expected)
    {
        Assert.Equal(expected, ImageReference.Normalize(reference));
    }
}
