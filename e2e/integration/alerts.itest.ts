import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { eventually, scenario, stack } from '../support/stack';

// Meridian's alert rules in the demo's real Prometheus: promtool accepts them, Prometheus loaded
// them, and the latency-spike scenario makes CrossClusterHighLatency fire within its `for` (1m)
// plus 60 s; the console's /api/alerts shows it on the spiked edge.

const exec = promisify(execFile);
const RULES = join(import.meta.dirname, '..', '..', 'deploy', 'prometheus', 'meridian-rules.yaml');
const FOR_MS = 60_000;

interface PromAlert {
  labels: Record<string, string>;
  state: string;
}

async function prometheusAlerts(): Promise<PromAlert[]> {
  const res = await fetch(`${stack().prometheusUrl}/api/v1/alerts`);
  const body = (await res.json()) as { data: { alerts: PromAlert[] } };
  return body.data.alerts;
}

const spiked = (a: PromAlert) =>
  a.labels.alertname === 'CrossClusterHighLatency' && a.labels.source_canonical_service === 'hello-app-engine' && a.labels.destination_service_name === 'hello-master-engine';

describe('alert rules in the demo Prometheus', () => {
  it('pass promtool check rules and are loaded by the running Prometheus', async () => {
    const out = await exec('promtool', ['check', 'rules', RULES]).catch((e: { code?: string; stderr?: string }) => {
      throw new Error(e.code === 'ENOENT' ? 'promtool is not installed (Debian package prometheus)' : `promtool check rules failed: ${e.stderr}`);
    });
    expect(out.stdout).toMatch(/SUCCESS/);
    const res = await fetch(`${stack().prometheusUrl}/api/v1/rules?type=alert`);
    const body = (await res.json()) as { data: { groups: { rules: { name: string; health: string }[] }[] } };
    const rules = body.data.groups.flatMap((g) => g.rules);
    for (const name of ['CrossClusterConnectivityLoss', 'CrossClusterHighLatency', 'CrossClusterCertificateExpiry', 'IstioServiceHighErrorRate', 'IstioProxyOutOfSync']) {
      expect(rules.find((r) => r.name === name), name).toMatchObject({ health: expect.stringMatching(/ok|unknown/) });
    }
  });

  it('latency-spike makes CrossClusterHighLatency fire in Prometheus within for + 60 s, and the console shows it on that edge', async () => {
    expect((await prometheusAlerts()).filter(spiked).filter((a) => a.state === 'firing')).toEqual([]);
    const started = Date.now();
    await scenario('latency-spike', 'start', { extraMs: 400 });
    try {
      const alert = await eventually('CrossClusterHighLatency firing', async () => (await prometheusAlerts()).find((a) => spiked(a) && a.state === 'firing'), FOR_MS + 60_000, 2000);
      expect(alert.labels).toMatchObject({ severity: 'warning', source_cluster: 'us-east', destination_cluster: 'eu-west' });
      console.log(`CrossClusterHighLatency fired ${Math.round((Date.now() - started) / 1000)} s after the spike started (for: 1m)`);
      const inConsole = await eventually(
        'the alert in /api/alerts',
        async () => {
          const body = (await (await fetch(`${stack().consoleUrl}/api/alerts?fresh=1`)).json()) as { alerts: { name: string; source: string; state: string; entity: { kind: string; id: string }; link: string }[] };
          return body.alerts.find((a) => a.name === 'CrossClusterHighLatency' && a.state === 'firing');
        },
        30_000,
      );
      expect(inConsole).toMatchObject({ source: 'prometheus', entity: { kind: 'edge', id: 'app:us-east:mcs-demo:hello-app-engine:v1->svc:eu-west:mcs-demo:hello-master-engine:http' } });
      expect(inConsole.link).toMatch(/^\/graph\?clusters=us-east,eu-west&.*selected=/);
    } finally {
      await scenario('latency-spike', 'stop');
      // Leave the mesh as found: wait until the alert resolved (the 1m window drains).
      await eventually('CrossClusterHighLatency resolved', async () => ((await prometheusAlerts()).some(spiked) ? undefined : true), 150_000, 3000);
    }
  });
});
