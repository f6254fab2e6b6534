/** The single sign-on settings: validated at start, and the same roles as auth's ROLES. */
import { describe, expect, it } from 'vitest';
import { loadConfig, ROLE_NAMES } from '../../src/server/config.ts';
import { ROLES } from '../../src/server/modules/auth/index.ts';
import { safeReturnTo } from '../../src/server/modules/auth/sso/service.ts';

const base = { OIDC_ISSUER: 'https://idp.cq.example/', OIDC_CLIENT_ID: 'kefutong', OIDC_REDIRECT_URL: 'https://kft.example/api/v1/auth/sso/callback' };

describe('single sign-on settings', () => {
  it('knows the roles auth knows', () => {
    expect([...ROLE_NAMES]).toEqual([...ROLES]);
  });

  it('is off without OIDC_ISSUER, needs a client with one, and returns to the public URL by default', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.cq.example/' })).toThrow(/OIDC_CLIENT_ID: required when OIDC_ISSUER is set/);
    const c = loadConfig({ OIDC_ISSUER: 'https://idp.cq.example/', OIDC_CLIENT_ID: 'kefutong', PUBLIC_URL: 'https://kft.cq.example/' });
    expect(c.oidc?.redirectUrl).toBe('https://kft.cq.example/api/v1/auth/sso/callback');
    expect(() => loadConfig({ ...base, OIDC_ISSUER: 'ftp://idp' })).toThrow(/OIDC_ISSUER: must be an http\(s\) URL/);
    expect(() => loadConfig({ ...base, OIDC_SCOPES: 'email profile' })).toThrow(/OIDC_SCOPES: must include 'openid'/);
  });

  it('reads the role map and the SSO-only roles, refusing unknown roles', () => {
    const c = loadConfig({ ...base, OIDC_ROLE_MAP: ' kft_admin = admin, kft_district=district_admin', LOCAL_LOGIN_DISABLED_ROLES: 'admin, district_admin' });
    expect(c.oidc).toMatchObject({ scopes: 'openid email profile', provision: false, roleMap: { kft_admin: 'admin', kft_district: 'district_admin' } });
    expect(c.security.localLoginDisabledRoles).toEqual(['admin', 'district_admin']);
    expect(() => loadConfig({ ...base, OIDC_ROLE_MAP: 'kft_admin=root' })).toThrow(/OIDC_ROLE_MAP: must be claim=role pairs/);
    expect(() => loadConfig({ LOCAL_LOGIN_DISABLED_ROLES: 'admin,boss' })).toThrow(/LOCAL_LOGIN_DISABLED_ROLES: must be roles/);
  });

  it('returns only to a path of this site', () => {
    expect(safeReturnTo('/instruments?q=1#x')).toBe('/instruments?q=1#x');
    for (const bad of [undefined, '', 'instruments', '//evil.example/x', '/\\evil.example', 'https://evil.example/', '/login?next=/x', 'javascript:alert(1)']) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });
});
