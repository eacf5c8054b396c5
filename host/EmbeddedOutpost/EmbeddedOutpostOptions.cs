namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Settings of the embedded outpost, read from the host's root configuration by <c>AddEmbeddedOutpost</c>.</summary>
internal sealed class EmbeddedOutpostOptions
{
    /// <summary>The host's secret key (configured, else the generated one); login state is signed with keys derived from it.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Data directory; the session database <c>state.db</c> lives there.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>URL of authentik's backend; token calls for authentik's own issuer go there directly.</summary>
    public string BackendUrl { get; set; } = "http://localhost:8000";
}
