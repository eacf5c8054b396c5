namespace Authentik.Plugins.Host.Outposts;

/// <summary>How problems name the outpost or provider they belong to.</summary>
internal static class OutpostProblemSubjects
{
    /// <summary>Returns <c>outpost '&lt;name&gt;'</c>.</summary>
    /// <param name="outpostName">The outpost's name.</param>
    public static string Outpost(string outpostName) => $"outpost '{outpostName}'";

    /// <summary>Returns <c>provider '&lt;name&gt;' of outpost '&lt;outpost&gt;'</c>.</summary>
    /// <param name="providerName">The provider's name.</param>
    /// <param name="outpostName">The name of the outpost the provider is assigned to.</param>
    public static string Provider(string providerName, string outpostName) => $"provider '{providerName}' of outpost '{outpostName}'";
}
