import 'server-only';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { UserInfo } from './types';

// OpenID Connect ID-token authentication as kube-apiserver does it with
//   --oidc-issuer-url --oidc-client-id --oidc-username-claim --oidc-groups-claim
// The issuer's discovery document gives the JWKS URL; jose's remote key set caches the keys and
// refetches on an unknown key id. A token counts when its signature verifies against those keys
// and its `iss`, `aud` (must contain the client id) and `exp`/`nbf` hold; the user is the username
// claim, the groups the groups claim (a string or a list), each with an optional prefix.

export interface OidcOptions {
  issuerUrl: string;
  clientId: string;
  /** Default `preferred_username` (kube-apiserver's own default is `sub`; the demo says so in its README). */
  usernameClaim?: string;
  /** Prefixed to the username; default none (kube's `--oidc-username-prefix=-`). */
  usernamePrefix?: string;
  /** Default `groups`. */
  groupsClaim?: string;
  groupsPrefix?: string;
  /** Seconds of clock skew allowed on exp/nbf/iat (default 0, as kube-apiserver). */
  clockToleranceSeconds?: number;
}

export type OidcAuthenticator = (token: string) => Promise<UserInfo | undefined>;

/** Whether a bearer token is shaped like a JWT (three base64url parts), i.e. worth verifying. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

async function discoverJwksUrl(issuerUrl: string): Promise<URL> {
  const url = `${issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (doc.issuer !== issuerUrl) throw new Error(`${url}: issuer "${String(doc.issuer)}" is not the configured "${issuerUrl}"`);
  if (typeof doc.jwks_uri !== 'string') throw new Error(`${url}: no jwks_uri`);
  return new URL(doc.jwks_uri);
}

function claimGroups(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function createOidcAuthenticator(options: OidcOptions): OidcAuthenticator {
  const usernameClaim = options.usernameClaim ?? 'preferred_username';
  const groupsClaim = options.groupsClaim ?? 'groups';
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keySet = () => {
    // One discovery per process; a failure (IdP not up yet) is retried on the next token.
    if (!keys) {
      const found = discoverJwksUrl(options.issuerUrl).then((url) => createRemoteJWKSet(url, { cacheMaxAge: 10 * 60_000, cooldownDuration: 5_000 }));
      keys = found;
      found.catch(() => {
        if (keys === found) keys = undefined;
      });
    }
    return keys;
  };

  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        issuer: options.issuerUrl,
        audience: options.clientId,
        algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'],
        clockTolerance: options.clockToleranceSeconds ?? 0,
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      console.warn(`[demo kube] OIDC token refused: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    const username = payload[usernameClaim];
    if (typeof username !== 'string' || username === '') return undefined;
    if (usernameClaim === 'email' && payload.email_verified === false) return undefined;
    return {
      name: `${options.usernamePrefix ?? ''}${username}`,
      groups: claimGroups(payload, groupsClaim).map((g) => `${options.groupsPrefix ?? ''}${g}`),
    };
  };
}
