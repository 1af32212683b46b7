import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdpServer, type IdpServer } from './server';
import { CookieJar, authorizationUrl, browse, followIdp, signIn, tokenRequest } from './testing';

// The demo IdP over HTTP, as a relying party and a browser see it: discovery, JWKS, the
// Authorization Code + PKCE flow through the sign-in form, refresh, userinfo, logout, and keys and
// refresh tokens that survive a restart.

const CONSOLE = 'http://127.0.0.1:3999';
const REDIRECT = `${CONSOLE}/api/auth/callback`;
let dir: string;
let idp: IdpServer;

const start = async () => {
  const s = await createIdpServer({ stateDir: dir, port: 0, consoleUrls: [CONSOLE] });
  await s.start();
  return s;
};
const opts = (username: string, password: string) => ({
  issuer: idp.issuer,
  clientId: idp.client.id,
  clientSecret: idp.client.secret,
  redirectUri: REDIRECT,
  username,
  password,
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-idp-'));
  idp = await start();
});
afterAll(async () => {
  await idp.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the demo OpenID Provider', () => {
  it('publishes discovery with PKCE, the groups scope and claims, RP-initiated logout, and a public JWKS', async () => {
    const doc = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    expect(doc).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'groups', 'offline_access']));
    expect(doc.claims_supported).toEqual(expect.arrayContaining(['sub', 'preferred_username', 'email', 'groups']));
    expect(doc.id_token_signing_alg_values_supported).toContain('RS256');
    const jwks = await (await fetch(doc.jwks_uri)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: idp.keys.signingKey.kid, use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect((await stat(join(dir, 'idp', 'keys.json'))).mode & 0o777).toBe(0o600);
  });

  it('signs alice in with code + PKCE: an RS256 ID token for the console with her name, email and groups', async () => {
    const { tokens } = await signIn(opts('alice', 'alice-demo'));
    expect(tokens).toMatchObject({ token_type: 'Bearer', refresh_token: expect.any(String) });
    // offline_access is not echoed (oidc-provider keeps it only with prompt=consent); the refresh token is issued anyway.
    expect(tokens.scope.split(' ').sort()).toEqual(['email', 'groups', 'openid', 'profile']);
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)), { issuer: idp.issuer, audience: 'meridian' });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: idp.keys.signingKey.kid });
    expect(payload).toMatchObject({ preferred_username: 'alice', email: 'alice@demo.meridian.dev', email_verified: true, groups: ['bookinfo-editors'], name: 'Alice Anders' });
    expect(payload.sub).toBe('5d0c7a51-3f0e-4c8e-9b1a-a11ce0000001');
    expect(payload.exp! - payload.iat!).toBe(3600);
    const me = await fetch(`${idp.issuer}/me`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(await me.json()).toMatchObject({ sub: payload.sub, preferred_username: 'alice', groups: ['bookinfo-editors'] });
  });

  it('shows the form again on a wrong password, and never redirects to the client', async () => {
    const jar = new CookieJar();
    const o = opts('bob', 'wrong');
    const page = await followIdp(jar, idp.issuer, authorizationUrl(o, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'st'));
    const html = await page.res.text();
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    const action = /action="([^"]+\/login)"/.exec(html)![1]!;
    const again = await browse(jar, new URL(action, page.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bob', password: 'wrong' }),
    });
    expect(again.status).toBe(200);
    const text = await again.text();
    expect(text).toContain('Invalid username or password.');
    expect(text).toContain('value="bob"');
  });

  it('refuses an authorization request without PKCE and a token request with a wrong verifier', async () => {
    const q = new URLSearchParams({ client_id: 'meridian', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', state: 's' });
    const res = await fetch(`${idp.issuer}/auth?${q}`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/requires PKCE/);
    const bad = await tokenRequest(opts('', ''), { grant_type: 'authorization_code', code: 'nope', redirect_uri: REDIRECT, code_verifier: 'x'.repeat(43) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('invalid_grant');
    const wrongSecret = await tokenRequest({ ...opts('', ''), clientSecret: 'nope' }, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(wrongSecret.status).toBe(401);
  });

  it('refreshes tokens, keeps its keys and refresh tokens across a restart in one state dir', async () => {
    const { tokens } = await signIn(opts('carol', 'carol-demo'));
    const jwks = await (await fetch(`${idp.issuer}/jwks`)).json();
    await idp.stop();
    idp = await start();
    const again = await (await fetch(`${idp.issuer}/jwks`)).json();
    expect(again).toEqual(jwks);
    // An ID token from before the restart still verifies: the signing key is the same one.
    await expect(jwtVerify(tokens.id_token, createLocalJWKSet(again), { audience: 'meridian' })).resolves.toBeDefined();
    const refreshed = await tokenRequest(opts('', ''), { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.status).toBe(200);
    const body = await refreshed.json();
    const { payload } = await jwtVerify(body.id_token, createLocalJWKSet(again), { issuer: idp.issuer, audience: 'meridian' });
    expect(payload).toMatchObject({ preferred_username: 'carol', groups: ['mesh-admins'] });
  });

  it('signs out (RP-initiated logout) back to the console', async () => {
    const { tokens, jar } = await signIn(opts('bob', 'bob-demo'));
    const q = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: `${CONSOLE}/`, state: 'bye' });
    const page = await browse(jar, `${idp.issuer}/session/end?${q}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('>Sign out</button>');
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();
    const done = await followIdp(jar, idp.issuer, new URL(action!, idp.issuer).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    expect(done.url).toBe(`${CONSOLE}/?state=bye`);
  });
});
