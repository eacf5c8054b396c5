// OpenID Connect provider for the tests, built on the certified oidc-provider package.
// Input: OIDC_CLIENTS (JSON array of {client_id, client_secret, redirect_uris}) and optionally
// OIDC_ACCOUNTS (JSON object: login name -> extra claims). Listens on 127.0.0.1 on a free port and
// prints "listening on <issuer>" once ready. Any login name signs in; the password is ignored.
import http from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_CLIENTS || '[]').map((client) => ({
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  ...client,
}));
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients,
    cookies: { keys: ['test-idp-cookie-key'] },
    // authentik puts the profile claims into the ID token, and so does this provider.
    conformIdTokenClaims: false,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'entitlements', 'ak_proxy'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email', 'email_verified'],
      entitlements: ['entitlements'],
      ak_proxy: ['ak_proxy'],
    },
    features: {
      devInteractions: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async () => true },
      rpInitiatedLogout: { enabled: true },
    },
    ttl: { IdToken: 3600, AccessToken: 3600 },
    async findAccount(ctx, id) {
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            name: `User ${id}`,
            preferred_username: id,
            email: `${id}@example.test`,
            email_verified: true,
            groups: [],
            entitlements: [],
            ...(accounts[id] || {}),
          };
        },
      };
    },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  console.log(`listening on ${issuer}`);
});
