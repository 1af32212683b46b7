import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { eventStream } from '@/server/events/sse';
import { drainConnections, drainSeconds, stopServer } from './shutdown';

// The drain against a real HTTP server: keep-alive connections, a slow request, an SSE stream.

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.closeAllConnections();
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${addr.port}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drainConnections', () => {
  it('lets a request in flight finish, closes kept-alive connections once idle, and resolves true long before the deadline', async () => {
    const { server, url } = await listen((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('done'), 400);
      else res.end('fast');
    });
    // A kept-alive idle connection (fetch keeps connections alive) and one request in flight.
    expect(await (await fetch(`${url}/fast`)).text()).toBe('fast');
    const slow = fetch(`${url}/slow`).then((r) => r.text());
    await sleep(50);
    const started = Date.now();
    const drained = await drainConnections(server, 10_000);
    expect(drained).toBe(true);
    expect(await slow).toBe('done');
    // Well before the deadline: idle kept-alive connections are not waited for.
    expect(Date.now() - started).toBeLessThan(5000);
    // No new connections once draining.
    await expect(fetch(`${url}/fast`)).rejects.toThrow();
  });

  it('cuts what is still open at the deadline and resolves false', async () => {
    const { server, url } = await listen((_req, res) => res.write('never ends'));
    const res = await fetch(url);
    const body = res.text().catch((e: Error) => `cut: ${e.message}`);
    const started = Date.now();
    expect(await drainConnections(server, 300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await body).toMatch(/^cut: /);
  });
});

describe('stopServer', () => {
  it('ends open SSE streams, so the drain completes, and new streams end at once', async () => {
    const { server, url } = await listen((req, res) => {
      const ctrl = new AbortController();
      req.on('close', () => ctrl.abort());
      const r = eventStream(ctrl.signal);
      res.writeHead(200, Object.fromEntries(r.headers));
      Readable.fromWeb(r.body as never).pipe(res);
    });
    (globalThis as Record<symbol, unknown>)[Symbol.for('meridian.http-server')] = server;
    const res = await fetch(`${url}/api/events`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: hello')) text += (await reader.read()).value ?? '';
    const started = Date.now();
    expect(await stopServer(10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    for (;;) if ((await reader.read()).done) break;
    // After the shutdown began, a stream only tells the browser to retry (elsewhere) and ends.
    const late = eventStream(new AbortController().signal);
    expect(await new Response(late.body).text()).toBe('retry: 1000\n\n');
  });
});

describe('drainSeconds', () => {
  it('is 7 by default and refuses a value that is not 0-300 seconds', () => {
    expect(drainSeconds({})).toBe(7);
    expect(drainSeconds({ MERIDIAN_SHUTDOWN_DRAIN_SECONDS: '2.5' })).toBe(2.5);
    expect(() => drainSeconds({ MERIDIAN_SHUTDOWN_DRAIN_SECONDS: 'soon' })).toThrowError('MERIDIAN_SHUTDOWN_DRAIN_SECONDS must be a number of seconds from 0 to 300, not "soon"');
    expect(() => drainSeconds({ MERIDIAN_SHUTDOWN_DRAIN_SECONDS: '301' })).toThrowError(/not "301"/);
  });
});
