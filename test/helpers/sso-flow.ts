/**
 * A browser, by hand: fetch with a cookie jar, following redirects one at a time, so a test sees each hop
 * of a single sign-on (app → provider's login page → provider → app's callback → where the app sends us).
 */
import net from 'node:net';

/** Cookies by host:port (enough for these tests: no domains, every path). */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: URL, res: Response): void {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]) < new Date()));
      if (gone || !value) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(url.host, cookies);
  }

  get(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: this.header(url) } });
    this.store(url, res);
    return res;
  }
}

export interface FlowResult {
  /** where the app's callback sent the browser (a path of the app) */
  landing: string;
  jar: CookieJar;
}

/** A free port on this machine, for an app whose redirect URL must be known before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Follows redirects from `start` until the provider shows its login form (returned as HTML with its
 * URL) or the app's callback answers (its Location is returned).
 */
async function follow(jar: CookieJar, start: URL, callbackPath: string, init?: RequestInit): Promise<{ html: string; url: URL } | { landing: string }> {
  let url = start;
  let res = await jar.fetch(url, init);
  for (let hops = 0; hops < 20; hops++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      // another site's address stays whole, so a test sees it is not the app's
      if (url.pathname === callbackPath) return { landing: next.origin === url.origin ? next.pathname + next.search : next.href };
      url = next;
      res = await jar.fetch(url);
      continue;
    }
    if (url.pathname === callbackPath) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
    return { html: await res.text(), url };
  }
  throw new Error('too many redirects');
}

export interface SignInOptions {
  returnTo?: string;
  /** change the callback URL before the browser goes there (a forged or tampered answer) */
  tamper?: (callback: URL) => URL;
  /** press the provider's "cancel" (abort) instead of signing in */
  abort?: boolean;
  jar?: CookieJar;
}

/** One sign-in through the app's SSO start, the provider's login form (login = the account's sub). */
export async function ssoSignIn(appUrl: string, login: string, o: SignInOptions = {}): Promise<FlowResult> {
  const jar = o.jar ?? new CookieJar();
  const callbackPath = '/api/v1/auth/sso/callback';
  const start = new URL(`/api/v1/auth/sso/start${o.returnTo !== undefined ? `?returnTo=${encodeURIComponent(o.returnTo)}` : ''}`, appUrl);
  const page = await follow(jar, start, callbackPath);
  if ('landing' in page) return { landing: page.landing, jar };
  const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
  if (!action || !page.html.includes('name="login"')) throw new Error(`no login form at ${page.url}: ${page.html.slice(0, 300)}`);
  const submit = new URL(action.replaceAll('&amp;', '&'), page.url);
  if (o.abort) submit.pathname += '/abort';
  const form: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login, password: 'any' }),
  };
  if (!o.tamper) {
    const sentTo = await follow(jar, submit, callbackPath, o.abort ? undefined : form);
    if ('html' in sentTo) throw new Error(`still at the provider: ${sentTo.html.slice(0, 300)}`);
    return { landing: sentTo.landing, jar };
  }
  // stop at the provider's redirect to the callback, change it, then let the app answer it
  let url = submit;
  let res = await jar.fetch(url, o.abort ? undefined : form);
  while (res.status >= 300 && res.status < 400) {
    const next = new URL(res.headers.get('location')!, url);
    if (next.pathname === callbackPath) {
      const answered = await follow(jar, o.tamper(next), callbackPath);
      if ('html' in answered) throw new Error('the callback did not redirect');
      return { landing: answered.landing, jar };
    }
    url = next;
    res = await jar.fetch(url);
  }
  throw new Error(`the provider did not send us back (${res.status})`);
}
