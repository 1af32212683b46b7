import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

// The browser's side of an OpenID Connect sign-in, with plain fetch, for the protocol tests: the
// authorization request with PKCE, the sign-in form, the redirects back to the client with a
// code, and the token request of the client. Cookies are kept like a browser would (by name).

export interface SignInOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
}

export interface TokenResponse {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const base64url = (buf: Buffer) => buf.toString('base64url');

/** A request like a browser's: cookies from the jar, redirects not followed. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (jar.header()) headers.set('Cookie', jar.header());
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.take(res);
  return res;
}

export function authorizationUrl(o: SignInOptions, challenge: string, state: string): string {
  const q = new URLSearchParams({
    client_id: o.clientId,
    response_type: 'code',
    redirect_uri: o.redirectUri,
    scope: o.scope ?? 'openid profile email groups offline_access',
    state,
    nonce: base64url(randomBytes(12)),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${o.issuer}/auth?${q}`;
}

/** Follows redirects inside the IdP; stops at the first page (200) or a redirect out of it. */
export async function followIdp(jar: CookieJar, issuer: string, url: string, init?: RequestInit): Promise<{ res: Response; url: string }> {
  let res = await browse(jar, url, init);
  for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
    const next = new URL(res.headers.get('location') ?? '', url).toString();
    if (!next.startsWith(issuer)) return { res, url: next };
    url = next;
    res = await browse(jar, url);
  }
  return { res, url };
}

export async function tokenRequest(o: Pick<SignInOptions, 'issuer' | 'clientId' | 'clientSecret'>, body: Record<string, string>): Promise<Response> {
  return fetch(`${o.issuer}/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(body),
  });
}

/** The whole Authorization Code + PKCE flow; returns the token response and the browser's jar. */
export async function signIn(o: SignInOptions): Promise<{ tokens: TokenResponse; jar: CookieJar }> {
  const jar = new CookieJar();
  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const state = base64url(randomBytes(8));
  const login = await followIdp(jar, o.issuer, authorizationUrl(o, challenge, state));
  if (login.res.status !== 200) throw new Error(`expected the sign-in page, got ${login.res.status} at ${login.url}`);
  const html = await login.res.text();
  const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
  if (!action) throw new Error('no sign-in form on the page');
  const back = await followIdp(jar, o.issuer, new URL(action, login.url).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: o.username, password: o.password }),
  });
  if (!back.url.startsWith(o.redirectUri)) throw new Error(`sign-in did not return to the client (${back.res.status} at ${back.url})`);
  const params = new URL(back.url).searchParams;
  if (params.get('state') !== state) throw new Error('state mismatch');
  const code = params.get('code');
  if (!code) throw new Error(`no code: ${params.get('error')} ${params.get('error_description')}`);
  const res = await tokenRequest(o, { grant_type: 'authorization_code', code, redirect_uri: o.redirectUri, code_verifier: verifier });
  if (!res.ok) throw new Error(`token endpoint: ${res.status} ${await res.text()}`);
  return { tokens: (await res.json()) as TokenResponse, jar };
}
