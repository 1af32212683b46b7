import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdpServer, type IdpServer } from '../../idp/server';
import { signIn } from '../../idp/testing';
import { kubectl, startTestCluster, storeWithDemoGrants, type TestCluster } from '../testing';

// ID tokens of the demo IdP at the demo clusters, as kube-apiserver with --oidc-issuer-url takes
// them: signed by the IdP's JWKS key, for the console's client id, not expired; the user is
// preferred_username, the groups the groups claim. Signed in for real (code + PKCE with fetch),
// then used with the real kubectl --token.

const CONSOLE = 'http://127.0.0.1:3999';
let dir: string;
let idp: IdpServer;
let usEast: TestCluster;
let apSouth: TestCluster;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-oidc-'));
  idp = await createIdpServer({ stateDir: dir, port: 0, consoleUrls: [CONSOLE] });
  await idp.start();
  const oidc = { issuerUrl: idp.issuer, clientId: 'meridian' };
  usEast = await startTestCluster({ store: storeWithDemoGrants('us-east'), oidc });
  apSouth = await startTestCluster({ store: storeWithDemoGrants('ap-south'), oidc });
  for (const [name, password] of [['alice', 'alice-demo'], ['bob', 'bob-demo']] as const) {
    const { tokens: t } = await signIn({ issuer: idp.issuer, clientId: idp.client.id, clientSecret: idp.client.secret, redirectUri: `${CONSOLE}/api/auth/callback`, username: name, password });
    tokens[name] = t.id_token;
  }
});
afterAll(async () => {
  await usEast.close();
  await apSouth.close();
  await idp.stop();
  await rm(dir, { recursive: true, force: true });
});

const withToken = (c: TestCluster, token: string, ...args: string[]) => kubectl(c.kubeconfig, [`--token=${token}`, ...args]);

/** A JWT signed with `key` (the IdP's own by default): for tokens the IdP would never issue. */
async function mint(claims: Record<string, unknown>, key: JWK & { kid?: string } = idp.keys.signingKey) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ preferred_username: 'carol', groups: ['mesh-admins'], ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: idp.keys.signingKey.kid })
    .setIssuer(String(claims.iss ?? idp.issuer))
    .setAudience(String(claims.aud ?? 'meridian'))
    .setIssuedAt(now - 7200)
    .setExpirationTime(Number(claims.exp ?? now + 600))
    .sign(await importJWK(key, 'RS256'));
}

describe('ID tokens at the demo clusters', () => {
  it('authenticate alice as herself, with her groups, in kubectl', async () => {
    const who = await withToken(usEast, tokens.alice!, 'auth', 'whoami');
    expect(who.stderr).toBe('');
    expect(who.stdout).toMatch(/Username\s+alice\n/);
    expect(who.stdout).toMatch(/Groups\s+\[bookinfo-editors system:authenticated\]\n/);
    const vs = await withToken(usEast, tokens.alice!, 'get', 'vs', '-n', 'bookinfo');
    expect(vs.stderr).toBe('');
    expect(vs.stdout).toMatch(/\nreviews\s+\["reviews"\]/);
  });

  it('carry alice\'s grants per cluster: she edits on us-east and only reads on ap-south', async () => {
    const can = async (c: TestCluster) => (await withToken(c, tokens.alice!, 'auth', 'can-i', 'patch', 'virtualservices', '-n', 'bookinfo')).stdout.trim();
    expect(await can(usEast)).toBe('yes');
    expect(await can(apSouth)).toBe('no');
    const refused = await withToken(apSouth, tokens.alice!, 'delete', 'vs', 'reviews', '-n', 'bookinfo');
    expect(refused.stderr).toContain('virtualservices.networking.istio.io "reviews" is forbidden: User "alice" cannot delete resource "virtualservices"');
    const bob = await withToken(usEast, tokens.bob!, 'get', 'pods', '-n', 'default');
    expect(bob.stderr).toContain('pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"');
  });

  it('refuse a tampered, expired, foreign-audience or foreign-key token with 401, as kube-apiserver', async () => {
    const [header, payload, signature] = tokens.bob!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, preferred_username: 'carol', groups: ['mesh-admins'] })).toString('base64url'), signature].join('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bad = {
      tampered,
      expired: await mint({ exp: Math.floor(Date.now() / 1000) - 60 }),
      audience: await mint({ aud: 'kubernetes' }),
      issuer: await mint({ iss: 'http://127.0.0.1:1' }),
      foreignKey: await mint({}, privateKey.export({ format: 'jwk' }) as JWK),
    };
    for (const [what, token] of Object.entries(bad)) {
      const r = await withToken(usEast, token, 'get', 'vs', '-n', 'bookinfo');
      expect({ what, code: r.code, stderr: r.stderr.trim() }).toEqual({ what, code: 1, stderr: 'error: You must be logged in to the server (Unauthorized)' });
    }
    // The same claims, freshly signed by the IdP's key: accepted (so the refusals above are about the token).
    const good = await withToken(usEast, await mint({}), 'auth', 'whoami');
    expect(good.stdout).toMatch(/Username\s+carol\n/);
  });

  it('leave the static tokens and plain-http clients working beside them', async () => {
    const res = await fetch(`${usEast.server.url}/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices`, { headers: { Authorization: `Bearer ${tokens.bob}` } });
    expect(res.status).toBe(200);
    const garbage = await fetch(`${usEast.server.url}/version`, { headers: { Authorization: 'Bearer a.b.c' } });
    expect(garbage.status).toBe(401);
    expect((await kubectl(usEast.kubeconfig, ['auth', 'whoami'])).stdout).toMatch(/Username\s+demo-editor\n/);
    expect((await kubectl(usEast.kubeconfig, ['--context', 'viewer', 'auth', 'can-i', 'delete', 'vs', '-n', 'bookinfo'])).stdout.trim()).toBe('no');
  });
});
