import { describe, expect, it } from 'vitest';
import { register } from 'prom-client';
import { istiodMetrics } from './metrics';
import { seededViews } from './testing';

const NOW = Date.parse('2026-03-01T00:00:00Z');

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  if (!line) throw new Error(`no ${series} in metrics`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('istiodMetrics', () => {
  const [usEast] = seededViews();

  it('exposes build, xds connections, clusters and the root cert expiry about a year ahead', async () => {
    const m = istiodMetrics(usEast!, { now: () => NOW });
    const text = await m.metrics();
    expect(text).toContain('citadel_server_root_cert_expiry_timestamp');
    expect(value(text, 'citadel_server_root_cert_expiry_timestamp')).toBe(NOW / 1000 + 365 * 24 * 3600);
    expect(text).toContain('istio_build{component="pilot",tag="1.28.1"} 1');
    expect(text).toMatch(/pilot_xds\{version="1\.28\.1"\} \d+/);
    expect(text).toContain('istiod_managed_clusters{cluster_type="remote"} 2');
    expect(text).toContain('istiod_remote_cluster_sync_status{cluster="ap-south",cluster_type="remote",status="synced"} 1');
    expect(text).toContain('pilot_proxy_convergence_time_bucket{le="0.5"}');
    m.close();
  });

  it('lets a scenario move the cert expiry and cut a remote off', async () => {
    const m = istiodMetrics(usEast!, { now: () => NOW });
    const soon = new Date(NOW + 3 * 24 * 3600 * 1000);
    m.configure({ certExpiresAt: () => soon.getTime(), unreachable: () => ['eu-west'] });
    const text = await m.metrics();
    expect(value(text, 'citadel_server_root_cert_expiry_timestamp')).toBe(soon.getTime() / 1000);
    expect(value(text, 'citadel_server_root_cert_expiry_seconds')).toBe(3 * 24 * 3600);
    expect(text).toContain('istiod_remote_cluster_sync_status{cluster="eu-west",cluster_type="remote",status="timeout"} 1');
    m.close();
  });

  it('counts pushes on store changes, on its own registry', async () => {
    const m = istiodMetrics(usEast!, { now: () => NOW });
    const before = value(await m.metrics(), 'pilot_xds_pushes{type="lds"}');
    const vs = usEast!.list('networking.istio.io/v1', 'VirtualService')[0]!;
    usEast!.emit({ type: 'MODIFIED', object: vs });
    const after = await m.metrics();
    expect(value(after, 'pilot_xds_pushes{type="lds"}')).toBeGreaterThan(before);
    expect(await register.metrics()).not.toContain('pilot_xds');
    m.close();
  });
});
