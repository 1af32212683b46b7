import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '@/server/config';
import { clustersStatus } from './status';

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/version') res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0-test' }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  // A port that was just free and is now closed: connections are refused.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadPort = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));

  const dir = mkdtempSync(join(tmpdir(), 'meridian-status-'));
  const kc = join(dir, 'kubeconfig');
  writeFileSync(
    kc,
    `apiVersion: v1
kind: Config
clusters:
- name: live
  cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}
- name: dead
  cluster: {server: "http://127.0.0.1:${deadPort}", insecure-skip-tls-verify: true}
users:
- name: u
  user: {token: t}
contexts:
- name: live
  context: {cluster: live, user: u}
- name: dead
  context: {cluster: dead, user: u}
current-context: live
`,
  );
  setConfig({
    clusters: [
      { name: 'live', context: 'live', kubeconfig: kc },
      { name: 'dead', context: 'dead', kubeconfig: kc },
    ],
    auth: { strategy: 'anonymous' },
    readOnly: false,
    source: 'test',
  });
});

afterAll(() => {
  setConfig(undefined);
  server.close();
});

describe('GET /api/clusters data', () => {
  it('serves the reachable cluster and reports the unreachable one with its error', async () => {
    const items = await clustersStatus();
    const live = items.find((c) => c.name === 'live');
    const dead = items.find((c) => c.name === 'dead');
    expect(live).toMatchObject({ reachable: true, kubernetesVersion: 'v1.32.0-test' });
    expect(dead?.reachable).toBe(false);
    expect(dead?.error).toMatch(/ECONNREFUSED|refused/i);
    // No Prometheus configured: the telemetry state says so instead of nothing.
    expect(live?.telemetry).toMatchObject({ cluster: 'live', verdict: 'missing', prometheus: 'not-configured', summary: 'no Prometheus configured' });
  });
});
