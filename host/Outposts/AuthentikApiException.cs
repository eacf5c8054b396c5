using System.Net;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>A request to the authentik API that failed; the message names the URL and the cause, never the secret key.</summary>
internal sealed class AuthentikApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The response status, or <see langword="null"/> when no response arrived.</param>
    /// <param name="innerException">The transport error, if any.</param>
    public AuthentikApiException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The response status, or <see langword="null"/> when no response arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Whether the backend rejected the secret key (401 or 403).</summary>
    public bool IsSecretKeyRejected => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
