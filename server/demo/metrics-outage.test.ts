import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsOutage, type MetricsOutage } from './metrics-outage';
import { createScenarioState, type ScenarioState } from './scenarios';

let server: Server | undefined;
let outage: MetricsOutage | undefined;

/** A metrics route like the control port's: the outage first, else the page. */
async function start(scenarios: ScenarioState, maxHoldMs?: number): Promise<string> {
  outage = createMetricsOutage(scenarios, { maxHoldMs });
  server = createServer((req, res) => {
    const cluster = (req.url ?? '').split('/')[2] ?? '';
    const serve = () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`istio_requests_total{cluster="${cluster}"} 1\n`);
    if (!outage!.intercept(cluster, res, serve)) serve();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

afterEach(async () => {
  outage?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = outage = undefined;
});

const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('telemetry-outage on the metrics route', () => {
  it('hang: a scrape gets no answer and times out like Prometheus would; other clusters are served; the page returns when stopped', async () => {
    const scenarios = createScenarioState();
    const url = await start(scenarios);
    scenarios.start('telemetry-outage', { cluster: 'eu-west' });
    await expect(fetch(`${url}/clusters/eu-west/metrics`, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    await waitFor(() => outage!.held() === 0); // the client gave up: the hold is released
    expect(await (await fetch(`${url}/clusters/us-east/metrics`)).text()).toContain('cluster="us-east"');

    const patient = fetch(`${url}/clusters/eu-west/metrics`);
    await waitFor(() => outage!.held() === 1);
    scenarios.stop('telemetry-outage');
    const res = await patient;
    expect([res.status, await res.text()]).toEqual([200, 'istio_requests_total{cluster="eu-west"} 1\n']);
    expect((await fetch(`${url}/clusters/eu-west/metrics`)).status).toBe(200);
  });

  it('error: 503 at once, naming the scenario', async () => {
    const scenarios = createScenarioState();
    const url = await start(scenarios);
    scenarios.start('telemetry-outage', { cluster: 'ap-south', mode: 'error' });
    const res = await fetch(`${url}/clusters/ap-south/metrics`);
    expect([res.status, await res.text()]).toEqual([503, 'metrics of ap-south unavailable (scenario telemetry-outage)\n']);
  });

  it('a hold never outlives maxHoldMs', async () => {
    const scenarios = createScenarioState();
    const url = await start(scenarios, 100);
    scenarios.start('telemetry-outage');
    expect((await fetch(`${url}/clusters/eu-west/metrics`)).status).toBe(503);
    expect(outage!.held()).toBe(0);
  });
});
