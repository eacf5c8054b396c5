namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>The session store failed; the request is denied.</summary>
internal sealed class SessionStoreException(string message, Exception innerException) : Exception(message, innerException);
