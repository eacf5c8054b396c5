using System.Net;

namespace Authentik.Plugins.KubernetesService.Tests.ApiServer;

/// <summary>One request the test API server handled, with the status it returned.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType, HttpStatusCode Status)
{
    public override string ToString() => $"{Method} {Path}{Query} -> {(int)Status}";
}
