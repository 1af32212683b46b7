import 'server-only';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

// The IdP's secrets, made once per state dir and kept in <state-dir>/idp/keys.json (mode 0600):
// the RS256 signing key (its public half is the JWKS), the cookie signing keys and the console
// client's secret. Kept across restarts, so an ID token from before a restart still verifies and
// the console's configured client secret stays right. `--reset` of the demo does not change them.

export interface IdpKeys {
  /** Private RSA JWK with kid, alg RS256, use sig. */
  signingKey: JWK & { kid: string };
  cookieKeys: string[];
  clientSecret: string;
}

export const keysPath = (stateDir: string) => join(stateDir, 'idp', 'keys.json');

async function newKeys(): Promise<IdpKeys> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, n: jwk.n, e: jwk.e });
  return {
    signingKey: { ...jwk, kid, alg: 'RS256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url')],
    clientSecret: randomBytes(24).toString('base64url'),
  };
}

function isKeys(v: unknown): v is IdpKeys {
  const k = v as Partial<IdpKeys> | null;
  return !!k && typeof k.signingKey?.kid === 'string' && typeof k.signingKey.d === 'string' && Array.isArray(k.cookieKeys) && typeof k.clientSecret === 'string';
}

export async function loadOrCreateKeys(stateDir: string): Promise<IdpKeys> {
  const file = keysPath(stateDir);
  try {
    const saved: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (isKeys(saved)) return saved;
    throw new Error(`${file}: not the demo IdP's keys file; delete it to make new keys`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = await newKeys();
  await mkdir(join(stateDir, 'idp'), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return keys;
}
