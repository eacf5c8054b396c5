namespace Authentik.Plugins.TestSupport;

/// <summary>A request as <see cref="EchoBackend"/> received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path with the query string.</param>
/// <param name="Headers">Every header, names compared case-insensitively, repeated values joined with commas.</param>
public sealed record EchoedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
