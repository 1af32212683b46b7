import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER, MAX_BODY_BYTES } from '@/lib/api/session';
import { setConfig, type MeridianConfig } from '@/server/config';
import { MeridianError } from '@/server/http/errors';
import { csrfTokenFor, issueCsrfToken } from './csrf';
import { guardMutation } from './guard';
import { callerOf } from './identity';

const HOST = 'console.example:3000';

function config(over: Partial<MeridianConfig> = {}): MeridianConfig {
  return { clusters: [{ name: 'us-east' }], auth: { strategy: 'anonymous' }, readOnly: false, source: 'test', ...over };
}

function mutation(opts: { token?: string | null; cookie?: string | null; origin?: string | null; referer?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const token = opts.token === undefined ? issueCsrfToken() : opts.token;
  const cookie = opts.cookie === undefined ? token : opts.cookie;
  const headers: Record<string, string> = { host: HOST, 'content-type': 'application/json', ...opts.headers };
  if (token) headers[CSRF_HEADER] = token;
  if (cookie) headers.cookie = `other=1; ${CSRF_COOKIE}=${cookie}`;
  const origin = opts.origin === undefined ? `http://${HOST}` : opts.origin;
  if (origin) headers.origin = origin;
  if (opts.referer) headers.referer = opts.referer;
  return new Request(`http://${HOST}/api/istio-config/apply`, { method: 'POST', headers, body: opts.body ?? '{"a":1}', duplex: 'half' } as RequestInit);
}

async function refusal(req: Request): Promise<MeridianError> {
  const err = await guardMutation(req).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MeridianError);
  return err as MeridianError;
}

afterEach(() => setConfig(undefined));

describe('guardMutation', () => {
  it('lets a same-origin request with a valid token through, with its caller and body', async () => {
    setConfig(config());
    await expect(guardMutation(mutation())).resolves.toEqual({ caller: { user: 'anonymous' }, body: { a: 1 } });
    // No Origin but a valid token (curl, scripts): allowed.
    await expect(guardMutation(mutation({ origin: null }))).resolves.toMatchObject({ body: { a: 1 } });
  });

  it('refuses every mutation in read-only mode with 403', async () => {
    setConfig(config({ readOnly: true }));
    const e = await refusal(mutation());
    expect([e.status, e.code, e.message]).toEqual([403, 'forbidden', 'Meridian is in read-only mode']);
  });

  it('refuses a cross-origin request (Origin, or Referer when Origin is absent) with 403', async () => {
    setConfig(config());
    for (const req of [
      mutation({ origin: 'http://evil.example' }),
      mutation({ origin: 'null' }),
      mutation({ origin: null, referer: 'http://evil.example/page' }),
      mutation({ origin: `http://${HOST.replace('3000', '3001')}` }),
    ]) {
      const e = await refusal(req);
      expect([e.status, e.message]).toEqual([403, 'cross-origin request refused']);
    }
  });

  it('refuses a missing, mismatched or forged CSRF token with 403', async () => {
    setConfig(config());
    const forged = `${issueCsrfToken().split('.')[0]}.AAAA`;
    for (const req of [
      mutation({ token: null }),
      mutation({ token: null, cookie: null, origin: null }),
      mutation({ cookie: issueCsrfToken() }),
      mutation({ token: forged }),
    ]) {
      const e = await refusal(req);
      expect([e.status, e.message]).toEqual([403, 'missing or invalid CSRF token']);
    }
  });

  it('refuses a body over 1 MiB with 413, by Content-Length and by counting the stream', async () => {
    setConfig(config());
    const big = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await refusal(mutation({ body: '{}', headers: { 'content-length': String(MAX_BODY_BYTES + 1) } }));
    expect([declared.status, declared.code]).toEqual([413, 'payload_too_large']);
    expect(declared.message).toContain('1 MiB');
    expect((await refusal(mutation({ body: big }))).status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent++ > 20) ctrl.close();
        else ctrl.enqueue(chunk);
      },
    });
    const streamed = await refusal(mutation({ body: stream }));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(20);
  });

  it('answers 400 for a body that is not JSON', async () => {
    setConfig(config());
    const e = await refusal(mutation({ body: '{nope' }));
    expect([e.status, e.code]).toEqual([400, 'bad_request']);
  });
});

describe('callerOf / csrfTokenFor', () => {
  const req = (headers: Record<string, string>) => new Request(`http://${HOST}/`, { headers });

  it('names the caller per strategy', () => {
    setConfig(config({ auth: { strategy: 'header', header: 'x-forwarded-user' } }));
    expect(callerOf(req({ 'x-forwarded-user': 'alice' }))).toEqual({ user: 'alice' });
    expect(() => callerOf(req({}))).toThrow(/missing identity header x-forwarded-user/);
    setConfig(config({ auth: { strategy: 'token' } }));
    expect(callerOf(req({ authorization: 'Bearer abc' }))).toEqual({ user: 'token-user', token: 'abc' });
    expect(() => callerOf(req({}))).toThrow(/missing bearer token/);
  });

  it('reuses a valid cookie token and issues a SameSite=Strict cookie otherwise', () => {
    const fresh = csrfTokenFor(req({}));
    expect(fresh.setCookie).toMatch(new RegExp(`^${CSRF_COOKIE}=${fresh.token}; Path=/; SameSite=Strict; HttpOnly$`));
    expect(csrfTokenFor(req({ cookie: `${CSRF_COOKIE}=${fresh.token}` }))).toEqual({ token: fresh.token });
    expect(csrfTokenFor(req({ cookie: `${CSRF_COOKIE}=forged.x` })).setCookie).toBeDefined();
  });
});
