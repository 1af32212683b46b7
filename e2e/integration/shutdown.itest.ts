import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleEntry, stack } from '../support/stack';

// SIGTERM on the production server (node .next/standalone/start.mjs, what the image runs) while a
// browser holds an SSE stream and a graph request is in flight: the stream ends, the graph request
// is answered, and the process exits 0 within 10 s. A second console on the demo stack, whose
// Prometheus answers through a proxy that holds every query for a moment, so the graph request is
// surely in flight when the signal comes.

const DELAY_MS = 1000;
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.closeAllConnections()));

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A proxy to the demo's Prometheus that holds each request DELAY_MS; counts those it holds. */
async function slowPrometheus(target: string) {
  let holding = 0;
  let seen = 0;
  const server = createServer((req, res) => {
    holding += 1;
    seen += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(async () => {
        try {
          const up = await fetch(`${target}${req.url}`, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' }, body: chunks.length ? Buffer.concat(chunks) : undefined });
          res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await up.arrayBuffer()));
        } catch (e) {
          res.writeHead(502).end(String(e));
        } finally {
          holding -= 1;
        }
      }, DELAY_MS);
    });
  });
  const url = await listen(server);
  return { url, holding: () => holding, seen: () => seen };
}

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

describe('the production server on SIGTERM', () => {
  it('ends the SSE stream, answers the graph request in flight, stops, and exits 0 within 10 s', async () => {
    const s = stack() as ReturnType<typeof stack> & { meridianConfig: string };
    const prom = await slowPrometheus(s.prometheusUrl);
    const dir = mkdtempSync(join(tmpdir(), 'meridian-shutdown-'));
    const config = join(dir, 'meridian.yaml');
    writeFileSync(config, readFileSync(s.meridianConfig, 'utf8').replaceAll(s.prometheusUrl, prom.url));
    const port = await freePort();
    const child = spawn(process.execPath, [consoleEntry()], {
      env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', MERIDIAN_CONFIG: config, KUBECONFIG: s.kubeconfig, MERIDIAN_SESSION_SECRET: randomBytes(32).toString('base64url') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) => child.on('exit', (code, signal) => r({ code, signal, at: Date.now() })));
    const base = `http://127.0.0.1:${port}`;
    try {
      await until('the second console is ready', () => fetch(`${base}/api/readyz`).then((r) => r.ok, () => false), 90_000);

      // A browser's live stream ...
      const sse = await fetch(`${base}/api/events`, { headers: { accept: 'text/event-stream' } });
      const reader = sse.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      while (!text.includes('event: hello')) text += (await reader.read()).value ?? '';
      const streamEnded = (async () => {
        for (;;) if ((await reader.read()).done) return true;
      })().catch(() => false);

      // ... and a graph request waiting for Prometheus.
      const before = prom.seen();
      const graph = fetch(`${base}/api/graph?graphType=workload&duration=1m&queryTime=${Math.floor(Date.now() / 1000)}`).then(async (r) => ({ status: r.status, body: (await r.json()) as { nodes?: unknown[] } }));
      await until('the graph request reaches Prometheus', () => prom.seen() > before && prom.holding() > 0, 20_000);

      const signalled = Date.now();
      child.kill('SIGTERM');
      const result = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(r, 15_000))]);
      expect(result, `still running 15 s after SIGTERM; output:\n${output}`).toBeDefined();
      expect({ code: result!.code, signal: result!.signal }).toEqual({ code: 0, signal: null });
      expect(result!.at - signalled).toBeLessThan(10_000);
      console.log(`SIGTERM to exit: ${((result!.at - signalled) / 1000).toFixed(2)} s`);

      const g = await graph;
      expect(g.status).toBe(200);
      expect(g.body.nodes?.length).toBeGreaterThan(0);
      expect(await streamEnded).toBe(true);

      // The server said what it did, as JSON lines.
      const lines = output.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ level: 'info', streamsClosed: 1 });
      expect((lines.find((l) => l.msg === 'shutting down')?.requestsInFlight as number) ?? 0).toBeGreaterThanOrEqual(1);
      expect(lines.find((l) => l.msg === 'stopped')).toMatchObject({ signal: 'SIGTERM', drained: true });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
