import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CSRF_COOKIE, CSRF_HEADER } from '@/lib/api/session';
import { sessionKey } from '@/server/config/session-secret';

/**
 * CSRF protection: signed double-submit tokens.
 *
 * GET /api/csrf hands out a token `<nonce>.<hmac>` (HMAC-SHA256 of the nonce with a server secret)
 * in the body and sets the same value as cookie `meridian-csrf` (SameSite=Strict, HttpOnly, Path=/).
 * A mutation must carry the header `x-csrf-token` equal to the cookie, and the token's signature must
 * be valid. Another site can neither read the token nor set a custom header on a cross-origin request
 * without a CORS preflight (which the console never grants), and a cookie planted by a sibling
 * domain fails the signature check. Stateless: nothing is stored per session.
 *
 * The signing key derives from the session secret (server/config/session-secret.ts): the same for
 * every replica that shares MERIDIAN_SESSION_SECRET, so any replica accepts a token another issued.
 * Outside production without a secret it is random per process: after a restart old tokens are
 * refused, and the UI fetches a new one (a 403 "missing or invalid CSRF token" means: GET /api/csrf
 * and retry once).
 */

const sign = (nonce: string) => createHmac('sha256', sessionKey('csrf')).update(nonce).digest('base64url');

export function issueCsrfToken(): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${sign(nonce)}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A token this server signed (any process sharing the secret). */
export function isSignedToken(token: string | undefined | null): token is string {
  if (!token || token.length > 200) return false;
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return false;
  return safeEqual(mac, sign(nonce));
}

/** One cookie of a request's Cookie header. */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The request carries the header token, equal to the cookie, and the token is signed by us. */
export function hasValidCsrfToken(req: Request): boolean {
  const header = req.headers.get(CSRF_HEADER);
  const cookie = cookieOf(req, CSRF_COOKIE);
  return !!header && !!cookie && safeEqual(header, cookie) && isSignedToken(header);
}

/** The token to hand out: the request's own cookie when still valid (so open tabs keep working), else a new one. */
export function csrfTokenFor(req: Request): { token: string; setCookie?: string } {
  const existing = cookieOf(req, CSRF_COOKIE);
  if (isSignedToken(existing)) return { token: existing };
  const token = issueCsrfToken();
  const secure = isHttps(req) ? '; Secure' : '';
  return { token, setCookie: `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict; HttpOnly${secure}` };
}

function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto) return proto === 'https';
  return new URL(req.url).protocol === 'https:';
}
