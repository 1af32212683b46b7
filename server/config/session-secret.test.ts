import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSignedToken, issueCsrfToken } from '@/server/auth/csrf';
import { ConfigError } from './load';
import { readSessionSecret, resetSessionSecret, resolveSessionSecret } from './session-secret';

const SECRET = 'k3y-0f-at-least-32-characters-for-all-replicas';

function file(text: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'meridian-secret-')), 'session-secret');
  writeFileSync(path, text);
  return path;
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetSessionSecret();
});

describe('the session secret', () => {
  it('comes from MERIDIAN_SESSION_SECRET or from the file MERIDIAN_SESSION_SECRET_FILE names (trailing newline ignored)', () => {
    expect(readSessionSecret({ MERIDIAN_SESSION_SECRET: SECRET })?.toString()).toBe(SECRET);
    expect(readSessionSecret({ MERIDIAN_SESSION_SECRET_FILE: file(`${SECRET}\n`) })?.toString()).toBe(SECRET);
    expect(readSessionSecret({})).toBeUndefined();
  });

  it('refuses an unusable setting with a message naming it', () => {
    const message = (env: Record<string, string>) => {
      try {
        readSessionSecret(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message({ MERIDIAN_SESSION_SECRET: 'short' })).toMatch(/^MERIDIAN_SESSION_SECRET: the session secret must be at least 32 characters .* got 5$/);
    expect(message({ MERIDIAN_SESSION_SECRET: SECRET, MERIDIAN_SESSION_SECRET_FILE: file(SECRET) })).toBe('Set MERIDIAN_SESSION_SECRET or MERIDIAN_SESSION_SECRET_FILE, not both');
    expect(message({ MERIDIAN_SESSION_SECRET_FILE: '/nonexistent/secret' })).toMatch(/^MERIDIAN_SESSION_SECRET_FILE \(\/nonexistent\/secret\): cannot read the session secret: ENOENT/);
    expect(message({ MERIDIAN_SESSION_SECRET_FILE: file('\n') })).toMatch(/: the file is empty$/);
  });

  it('is required in production; elsewhere a random one per process stands in', () => {
    expect(() => resolveSessionSecret({ NODE_ENV: 'production' })).toThrowError(/No session secret: set MERIDIAN_SESSION_SECRET, or MERIDIAN_SESSION_SECRET_FILE/);
    expect(resolveSessionSecret({ NODE_ENV: 'production', MERIDIAN_SESSION_SECRET: SECRET }).source).toBe('configured');
    const dev = resolveSessionSecret({ NODE_ENV: 'development' });
    expect(dev.source).toBe('random');
    expect(dev.secret.length).toBe(32);
  });

  it('lets any replica with the same secret accept the CSRF token another issued, and no other', () => {
    vi.stubEnv('MERIDIAN_SESSION_SECRET', SECRET);
    const token = issueCsrfToken();
    resetSessionSecret(); // a second replica: same secret, fresh process state
    expect(isSignedToken(token)).toBe(true);
    vi.stubEnv('MERIDIAN_SESSION_SECRET', `${SECRET}-rotated`);
    resetSessionSecret();
    expect(isSignedToken(token)).toBe(false);
  });
});
