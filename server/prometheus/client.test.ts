import { createServer as createTcpServer } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleMetrics } from '@/server/observability/metrics';
import { MeridianError } from '@/server/http/errors';
import { queryInstant, queryRange, type PromTarget } from './client';
import { prometheusState } from './health';

// A tiny fake Prometheus: answers by the query text, records what it was sent.

type Handler = (form: URLSearchParams, res: ServerResponse, req: IncomingMessage) => void;
const requests: { path: string; contentType?: string; form: URLSearchParams }[] = [];
let server: Server;
let base: string;
let routes: Record<string, Handler>;
let refused: string;

async function refusedUrl(): Promise<string> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return `http://127.0.0.1:${port}`;
}

const json = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
const vector = (result: unknown[]) => ({ status: 'success', data: { resultType: 'vector', result } });

beforeAll(async () => {
  routes = {
    'up': (_f, res) =>
      json(res, 200, vector([
        { metric: { job: 'a' }, value: [1700000000, '1'] },
        { metric: { job: 'nan' }, value: [1700000000, 'NaN'] },
        { metric: { job: 'inf' }, value: [1700000000, '+Inf'] },
      ])),
    'scalar(1)': (_f, res) => json(res, 200, { status: 'success', data: { resultType: 'scalar', result: [1700000000, '1'] } }),
    'bad(': (_f, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 5: unclosed left parenthesis' }),
    'slow': () => {},
    'html': (_f, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad Gateway</html>'),
    'rate(x[1m])': (_f, res) =>
      json(res, 200, {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [
            { metric: { pod: 'p' }, values: [[1, '0.5'], [2, 'NaN'], [3, '2']] },
            { metric: { pod: 'gone' }, values: [[1, 'NaN']] },
          ],
        },
      }),
  };
  server = createServer((req, res) => {
    if (req.url === '/-/ready') return void res.writeHead(200).end('Prometheus Server is Ready.\n');
    if (req.url === '/api/v1/status/buildinfo') return json(res, 200, { status: 'success', data: { version: '2.42.0' } });
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      requests.push({ path: req.url ?? '', contentType: req.headers['content-type'], form });
      const handler = routes[form.get('query') ?? ''];
      if (handler) handler(form, res, req);
      else json(res, 404, { status: 'error', errorType: 'not_found', error: 'no such fake query' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  refused = await refusedUrl();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const target = (timeoutMs = 2000): PromTarget => ({ url: base, timeoutMs, name: 'test-cluster' });

describe('Prometheus client', () => {
  it('posts an instant query form-encoded and drops NaN and Inf samples', async () => {
    const samples = await queryInstant(target(), 'up', { time: new Date(1700000000_000) });
    expect(samples).toEqual([{ metric: { job: 'a' }, value: 1 }]);
    const sent = requests.at(-1);
    expect(sent?.path).toBe('/api/v1/query');
    expect(sent?.contentType).toBe('application/x-www-form-urlencoded');
    expect(sent?.form.get('time')).toBe('1700000000');
  });

  it('answers a scalar as one sample without labels', async () => {
    expect(await queryInstant(target(), 'scalar(1)')).toEqual([{ metric: {}, value: 1 }]);
  });

  it('runs a range query, dropping non-finite points and empty series', async () => {
    const series = await queryRange(target(), 'rate(x[1m])', { start: new Date(1000), end: new Date(3000), stepSeconds: 1 });
    expect(series).toEqual([{ metric: { pod: 'p' }, values: [[1, 0.5], [3, 2]] }]);
    expect(Object.fromEntries(requests.at(-1)?.form ?? [])).toMatchObject({ start: '1', end: '3', step: '1' });
    expect(requests.at(-1)?.path).toBe('/api/v1/query_range');
  });

  it('names the URL, errorType and error of a failed query', async () => {
    const err = await queryInstant(target(), 'bad(').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeridianError);
    expect((err as Error).message).toBe(`Prometheus ${base}: query failed (HTTP 400): bad_data: parse error at char 5: unclosed left parenthesis`);
    await expect(queryInstant(target(), 'html')).rejects.toThrow(`Prometheus ${base}: HTTP 502, not a JSON answer: <html>Bad Gateway</html>`);
  });

  it('gives up after the timeout with a clear error', async () => {
    const t0 = Date.now();
    await expect(queryInstant(target(200), 'slow')).rejects.toThrow(`Prometheus ${base} did not answer within 200 ms`);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('stops when the caller aborts, with the abort reason', async () => {
    const ac = new AbortController();
    const p = queryInstant(target(), 'slow', { signal: ac.signal });
    setTimeout(() => ac.abort(new DOMException('client went away', 'AbortError')), 50);
    await expect(p).rejects.toMatchObject({ name: 'AbortError', message: 'client went away' });
  });

  it('names an unreachable Prometheus', async () => {
    await expect(queryInstant({ url: refused, timeoutMs: 1000 }, 'up')).rejects.toThrow(`Prometheus ${refused} is unreachable: connect ECONNREFUSED ${refused.slice(7)}`);
  });

  it('records query time by target and outcome in the console registry', async () => {
    const text = await consoleMetrics().registry.metrics();
    expect(text).toMatch(/meridian_prometheus_query_duration_seconds_count\{target="test-cluster",outcome="success"\} \d+/);
    expect(text).toMatch(/meridian_prometheus_query_duration_seconds_count\{target="test-cluster",outcome="timeout"\} 1/);
    expect(text).toMatch(/meridian_prometheus_query_duration_seconds_count\{target="test-cluster",outcome="aborted"\} 1/);
  });
});

describe('Prometheus health', () => {
  it('is ready with its version', async () => {
    expect(await prometheusState({ url: base })).toMatchObject({ url: base, state: 'ready', version: '2.42.0' });
  });

  it('is unreachable on a refused port, never throwing', async () => {
    const s = await prometheusState({ url: refused }, 500);
    expect(s.state).toBe('unreachable');
    expect(s.error).toMatch(/ECONNREFUSED/);
  });
});
