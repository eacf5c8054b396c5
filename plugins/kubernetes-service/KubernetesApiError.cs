using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService;

/// <summary>Turns failures of Kubernetes API calls into messages that name the outpost, the namespace and the status.</summary>
internal static class KubernetesApiError
{
    /// <summary>Returns whether <paramref name="exception"/> is an error response of the API with status <paramref name="status"/>.</summary>
    public static bool HasStatus(Exception exception, HttpStatusCode status) =>
        exception is HttpOperationException { Response.StatusCode: var code } && code == status;

    /// <summary>Returns the failure of <paramref name="verb"/> on a Service as a reconcile error.</summary>
    /// <param name="exception">The exception the client threw.</param>
    /// <param name="verb">What was done, for example <c>create</c>.</param>
    /// <param name="outpost">The outpost the Service belongs to.</param>
    /// <param name="namespaceName">The namespace of the Service.</param>
    /// <param name="name">The Service name.</param>
    public static ServiceReconcileException Describe(Exception exception, string verb, string outpost, string namespaceName, string name) =>
        Describe(exception, $"Failed to {verb} Service '{name}' in namespace '{namespaceName}' for outpost '{outpost}'");

    /// <summary>Returns the failure of an API call as a reconcile error whose message starts with <paramref name="what"/>.</summary>
    /// <param name="exception">The exception the client threw.</param>
    /// <param name="what">What failed, for example <c>Failed to list the outpost Services in namespace 'x'</c>.</param>
    public static ServiceReconcileException Describe(Exception exception, string what) =>
        exception switch
        {
            HttpOperationException http => new ServiceReconcileException(
                $"{what}: the Kubernetes API returned {(int)http.Response.StatusCode} {http.Response.StatusCode}: {ReadStatusMessage(http.Response.Content)}",
                exception),
            HttpRequestException request => new ServiceReconcileException(
                $"{what}: the Kubernetes API server could not be reached: {request.Message}",
                exception),
            OperationCanceledException => new ServiceReconcileException($"{what}: the Kubernetes API call timed out.", exception),
            _ => new ServiceReconcileException($"{what}: {exception.Message}", exception),
        };

    /// <summary>
    /// Returns whether <paramref name="exception"/> is a failure of the API call (an error status,
    /// an unreachable server, a client timeout) rather than the caller cancelling.
    /// </summary>
    public static bool IsApiFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpOperationException or HttpRequestException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string ReadStatusMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return "no message";
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            if (!string.IsNullOrEmpty(status?.Message))
            {
                return status.Message;
            }
        }
        catch (JsonException)
        {
            // The body is not a Status object, for example a proxy's HTML error page; show it as it is.
        }

        return content.Length > 300 ? content[..300] + "…" : content;
    }
}
