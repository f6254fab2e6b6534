/**
 * The relying party's side of OpenID Connect (openid-client): the provider's discovery document, read on
 * first use and kept (so the app may start before the identity provider does, and a failed read is tried
 * again on the next sign-in), the authorization URL with state, nonce and PKCE S256, and the code exchange
 * that checks the id_token (signature, issuer, audience, nonce) and reads the claims.
 */
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../../config.ts';

export type Claims = Record<string, unknown> & { sub: string };

/** Plain http only to this machine (the tests' provider); the city's provider is reached over https. */
const isLoopback = (url: URL) => url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

export class OidcProvider {
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: OidcConfig) {}

  get issuer(): string {
    return this.settings.issuer;
  }

  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const url = new URL(this.settings.issuer);
      const { clientId, clientSecret } = this.settings;
      this.discovered = oidc
        .discovery(url, clientId, clientSecret, clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None(), {
          execute: isLoopback(url) ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((err) => {
          this.discovered = null;
          throw err;
        });
    }
    return this.discovered;
  }

  /** Where to send the browser, and what the callback needs to check the answer. */
  async authorizationUrl(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code of the callback URL for tokens, checks the id_token and returns its claims merged
   * with the UserInfo endpoint's (a provider puts email and the like in either, depending on its settings).
   */
  async exchange(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<Claims> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims() as Claims;
    if (!config.serverMetadata().userinfo_endpoint) return idClaims;
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    return { ...info, ...idClaims } as Claims;
  }
}
