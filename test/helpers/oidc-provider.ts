/**
 * A real OpenID provider for the tests (the `oidc-provider` package, the certified implementation): one
 * confidential client that must use the code flow with PKCE, an in-memory account store, and the
 * package's own login page (devInteractions: any password, the login names the account). Consent is
 * given up front for the client, as a city's provider does for a first-party relying party.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
  kft_role?: string | string[];
  kft_org_uscc?: string;
  kft_district?: string;
}

export const CLIENT_ID = 'kefutong';
export const CLIENT_SECRET = 'kefutong-test-secret-0123456789';

export interface TestProvider {
  issuer: string;
  /** the accounts by login (= sub); add or change one between tests */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { redirectUris: string[]; port?: number; accounts?: Record<string, TestAccount> }): Promise<TestProvider> {
  const accounts = new Map(Object.entries(opts.accounts ?? {}));
  // the issuer names the port, so the server listens before the provider is made
  let handler: http.RequestListener | null = null;
  const server = http.createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'kft_role', 'kft_org_uscc', 'kft_district'],
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['kft-test-provider-cookie-key'] },
    // explicit lifetimes, so the provider does not print a notice for each default it uses
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    // consent given for the client: the first sign-in asks only for the login
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      const grantId = ctx.oidc.result?.consent?.grantId || session!.grantIdFor(client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();

  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
