import 'server-only';
import { hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './load';

/**
 * The session secret: the one key material behind everything the console signs or seals for a
 * browser (the CSRF token's signature today; session cookies when the console signs users in). Every
 * replica behind one Service must have the same secret, so that any replica accepts what another
 * issued. It comes from the environment, never from meridian.yaml (a ConfigMap is no place for it):
 *   MERIDIAN_SESSION_SECRET       the secret itself (at least 32 characters), or
 *   MERIDIAN_SESSION_SECRET_FILE  a file holding it, e.g. a key of a mounted Kubernetes Secret.
 * Without either, the production server does not start (the message names both variables); in
 * development and tests a random secret per process is used (after a restart, old tokens are
 * refused and the UI fetches new ones).
 * Each use gets its own key derived with HKDF (`sessionKey('csrf')`), so one use's key never
 * serves another.
 */

export const MIN_SECRET_LENGTH = 32;

type Env = Record<string, string | undefined>;

/** The configured secret, or undefined when none is set. A set but unusable secret is a ConfigError. */
export function readSessionSecret(env: Env = process.env): Buffer | undefined {
  const file = env.MERIDIAN_SESSION_SECRET_FILE;
  let value = env.MERIDIAN_SESSION_SECRET;
  let source = 'MERIDIAN_SESSION_SECRET';
  if (value && file) throw new ConfigError('Set MERIDIAN_SESSION_SECRET or MERIDIAN_SESSION_SECRET_FILE, not both');
  if (file) {
    source = `MERIDIAN_SESSION_SECRET_FILE (${file})`;
    try {
      value = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw new ConfigError(`${source}: cannot read the session secret: ${(e as Error).message}`);
    }
  }
  if (value === undefined || value === '') {
    if (file) throw new ConfigError(`${source}: the file is empty`);
    return undefined;
  }
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`${source}: the session secret must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 48), got ${value.length}`);
  }
  return Buffer.from(value, 'utf8');
}

/**
 * The session secret of this process: the configured one; else, outside production, a random one.
 * In production a missing secret is a ConfigError naming the variables.
 */
export function resolveSessionSecret(env: Env = process.env): { secret: Buffer; source: 'configured' | 'random' } {
  const secret = readSessionSecret(env);
  if (secret) return { secret, source: 'configured' };
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      'No session secret: set MERIDIAN_SESSION_SECRET, or MERIDIAN_SESSION_SECRET_FILE to a file holding it (at least 32 characters, the same for every replica; e.g. openssl rand -base64 48)',
    );
  }
  return { secret: randomBytes(32), source: 'random' };
}

const KEY = Symbol.for('meridian.session-secret');
type WithSecret = typeof globalThis & { [KEY]?: { secret: Buffer; source: 'configured' | 'random'; keys: Map<string, Buffer> } };

function current() {
  const g = globalThis as WithSecret;
  g[KEY] ??= { ...resolveSessionSecret(), keys: new Map() };
  return g[KEY];
}

/** Whether the secret was configured or is random for this process (server start checks and logs it). */
export function sessionSecretSource(): 'configured' | 'random' {
  return current().source;
}

/** A 32-byte key for one purpose ('csrf', ...), derived from the session secret. */
export function sessionKey(purpose: string): Buffer {
  const s = current();
  let key = s.keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', s.secret, Buffer.alloc(0), `meridian ${purpose}`, 32));
    s.keys.set(purpose, key);
  }
  return key;
}

/** Forgets the process's secret (tests). */
export function resetSessionSecret(): void {
  (globalThis as WithSecret)[KEY] = undefined;
}
