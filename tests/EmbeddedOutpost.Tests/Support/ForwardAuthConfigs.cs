using System.Globalization;

namespace Authentik.Plugins.EmbeddedOutpost.Tests.Support;

/// <summary>
/// nginx and Caddy configurations in the form authentik documents for forward auth, pointed at
/// the outpost and the upstream of a test run. The README shows the same configurations.
/// </summary>
internal static class ForwardAuthConfigs
{
    private static readonly string[] IdentityHeaderNames =
    [
        "username", "groups", "entitlements", "email", "name", "uid", "jwt",
        "meta-jwks", "meta-outpost", "meta-provider", "meta-app", "meta-version",
    ];

    public static string Nginx(string directory, int listenPort, int outpostPort, Uri upstream)
    {
        var setVariables = string.Join("\n", IdentityHeaderNames.Select(name =>
            $"            auth_request_set $authentik_{name.Replace('-', '_')} $upstream_http_x_authentik_{name.Replace('-', '_')};"));
        var setHeaders = string.Join("\n", IdentityHeaderNames.Select(name =>
            $"            proxy_set_header X-authentik-{name} $authentik_{name.Replace('-', '_')};"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            pid {{directory}}/nginx.pid;
            worker_processes 1;
            error_log {{directory}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/tmp/body;
                proxy_temp_path {{directory}}/tmp/proxy;
                fastcgi_temp_path {{directory}}/tmp/fastcgi;
                uwsgi_temp_path {{directory}}/tmp/uwsgi;
                scgi_temp_path {{directory}}/tmp/scgi;
                proxy_buffers 8 16k;
                proxy_buffer_size 32k;

                server {
                    listen 127.0.0.1:{{listenPort}};
                    server_name _;

                    location / {
                        proxy_pass {{upstream.AbsoluteUri}};
                        proxy_set_header Host $http_host;

                        auth_request /outpost.goauthentik.io/auth/nginx;
                        error_page 401 = @goauthentik_proxy_signin;
                        auth_request_set $auth_cookie $upstream_http_set_cookie;
                        add_header Set-Cookie $auth_cookie;

            {{setVariables}}
            {{setHeaders}}
                    }

                    location /outpost.goauthentik.io {
                        proxy_pass http://127.0.0.1:{{outpostPort}}/outpost.goauthentik.io;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
                        add_header Set-Cookie $auth_cookie;
                        auth_request_set $auth_cookie $upstream_http_set_cookie;
                        proxy_pass_request_body off;
                        proxy_set_header Content-Length "";
                    }

                    location @goauthentik_proxy_signin {
                        internal;
                        add_header Set-Cookie $auth_cookie;
                        return 302 /outpost.goauthentik.io/start?rd=$scheme://$http_host$request_uri;
                    }
                }
            }
            """);
    }

    public static string Caddy(string directory, string siteHost, int outpostPort, Uri upstream)
    {
        var copied = string.Join(' ', IdentityHeaderNames.Select(name => "X-Authentik-" + string.Join('-', name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]))));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
                admin off
                auto_https off
                storage file_system {{directory}}/data
            }

            {{siteHost}} {
                bind 127.0.0.1
                route {
                    reverse_proxy /outpost.goauthentik.io/* http://127.0.0.1:{{outpostPort}}

                    forward_auth http://127.0.0.1:{{outpostPort}} {
                        uri /outpost.goauthentik.io/auth/caddy
                        copy_headers {{copied}}
                    }

                    reverse_proxy {{upstream.Authority}}
                }
            }
            """);
    }
}
