using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Host.Forwarding;
using Authentik.Plugins.Host.Security;

namespace Authentik.Plugins.Host.Hosting;

/// <summary>Binds Kestrel to the <c>listen:http</c>, <c>listen:https</c> and <c>listen:metrics</c> addresses.</summary>
internal static class KestrelListenerExtensions
{
    public static IWebHostBuilder UseAuthentikListeners(this IWebHostBuilder webHost, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        return webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The body limit is enforced per request by the stages that read bodies; Kestrel's own
            // default of 30,000,000 bytes would be lower than the backend's 32 MiB.
            kestrel.Limits.MaxRequestBodySize = BackendForwarder.MaxRequestBodySize;

            foreach (var endpoint in settings.HttpEndpoints.Concat(settings.MetricsEndpoints))
            {
                kestrel.Listen(endpoint);
            }

            if (settings.HttpsEndpoints.Count == 0)
            {
                return;
            }

            var certificates = kestrel.ApplicationServices.GetRequiredService<ServerCertificateProvider>();
            foreach (var endpoint in settings.HttpsEndpoints)
            {
                // The certificate is read per handshake, so commands that never serve do not create one.
                kestrel.Listen(endpoint, listener => listener.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Certificate));
            }
        });
    }
}
