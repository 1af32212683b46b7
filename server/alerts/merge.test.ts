import { describe, expect, it } from 'vitest';
import { matchersFor, type Silence } from '@/lib/alerts';
import { locate } from './entity';
import { HELLO_EDGE, HELLO_EDGE_ID } from './testing';
import { meridianAlert, mergeAlerts } from './merge';

const latency: Record<string, string> = { alertname: 'CrossClusterHighLatency', severity: 'warning', ...HELLO_EDGE };
const cert = { alertname: 'CrossClusterCertificateExpiry', severity: 'warning', cluster: 'us-east' };
const loss = { alertname: 'CrossClusterConnectivityLoss', severity: 'critical', source_cluster: 'us-east', destination_cluster: 'eu-west' };

const prom = (labels: Record<string, string>, state = 'firing') => ({ labels, annotations: { summary: `${labels.alertname} summary` }, state, activeAt: '2026-01-01T00:00:00Z' });
const am = (labels: Record<string, string>, silencedBy: string[] = []) => ({
  labels,
  annotations: {},
  startsAt: '2026-01-01T00:00:10Z',
  status: { state: silencedBy.length ? 'suppressed' : 'active', silencedBy, inhibitedBy: [] },
});

describe('locate', () => {
  it('turns an edge alert into the graph edge id and a link that selects it', () => {
    const l = locate(latency);
    expect(l.entity).toEqual({ kind: 'edge', id: HELLO_EDGE_ID });
    expect(l.cluster).toBe('us-east');
    const url = new URL(l.link, 'http://x');
    expect(url.pathname).toBe('/graph');
    expect(url.searchParams.get('clusters')).toBe('us-east,eu-west');
    expect(url.searchParams.get('selected')).toBe(l.entity.id);
  });

  it('locates cluster pairs, services, proxies, certificates and remote clusters', () => {
    expect(locate(loss)).toMatchObject({ entity: { kind: 'edge', id: 'cluster:us-east->cluster:eu-west' }, link: '/graph?clusters=us-east,eu-west&find=crosscluster' });
    expect(locate({ alertname: 'X', destination_cluster: 'eu-west', destination_service_namespace: 'bookinfo', destination_service_name: 'ratings' })).toMatchObject({
      entity: { kind: 'service', id: 'svc:eu-west:bookinfo:ratings' },
      cluster: 'eu-west',
      namespace: 'bookinfo',
    });
    expect(
      locate({ alertname: 'CrossClusterConnectivityLoss', source_cluster: 'us-east', destination_cluster: 'eu-west', destination_service_namespace: 'bookinfo', destination_service_name: 'ratings' }),
    ).toMatchObject({ entity: { kind: 'service', id: 'svc:eu-west:bookinfo:ratings' }, cluster: 'us-east', link: '/graph?clusters=us-east,eu-west&namespaces=bookinfo&selected=svc:eu-west:bookinfo:ratings' });
    expect(locate({ alertname: 'P', cluster: 'us-east', proxy: 'productpage-v1-abc.bookinfo' })).toMatchObject({ entity: { kind: 'proxy', id: 'productpage-v1-abc.bookinfo' }, namespace: 'bookinfo' });
    expect(locate(cert)).toMatchObject({ entity: { kind: 'certificate', id: 'us-east' }, link: '/mesh?cluster=us-east' });
    expect(locate({ alertname: 'IstioRemoteClusterUnreachable', cluster: 'us-east', exported_cluster: 'eu-west' })).toMatchObject({ entity: { kind: 'cluster', id: 'eu-west' }, cluster: 'us-east' });
    expect(locate({ alertname: 'Y' }, 'ap-south')).toMatchObject({ entity: { kind: 'cluster', id: 'ap-south' }, cluster: 'ap-south' });
  });
});

describe('mergeAlerts', () => {
  it('shows an alert known to Prometheus and the Alertmanager once, silenced when the Alertmanager says so', () => {
    const alerts = mergeAlerts({ prometheus: [{ alerts: [prom(latency), prom(loss), prom(cert, 'pending'), prom({ alertname: 'Old' }, 'inactive')] }], alertmanager: [am(latency, ['s1']), am(loss)], meridian: [], silences: [] });
    expect(alerts.map((a) => [a.name, a.source, a.state, a.severity])).toEqual([
      ['CrossClusterConnectivityLoss', 'prometheus', 'firing', 'critical'],
      ['CrossClusterCertificateExpiry', 'prometheus', 'pending', 'warning'],
      ['CrossClusterHighLatency', 'prometheus', 'silenced', 'warning'],
    ]);
    expect(alerts[2]).toMatchObject({ silencedBy: ['s1'], summary: 'CrossClusterHighLatency summary', since: '2026-01-01T00:00:00Z', labels: latency });
  });

  it('keeps Alertmanager-only alerts and Meridian checks, and ids are stable', () => {
    const other = { alertname: 'NodeDown', severity: 'critical', cluster: 'ap-south' };
    const m = meridianAlert({ alertname: 'MeridianClusterUnreachable', severity: 'critical', cluster: 'eu-west' }, 'eu-west is down', 0);
    const a = mergeAlerts({ prometheus: [], alertmanager: [am(other)], meridian: [m], silences: [] });
    const b = mergeAlerts({ prometheus: [], alertmanager: [am(other)], meridian: [m], silences: [] });
    // same severity and state: the newest first
    expect(a.map((x) => [x.name, x.source, x.cluster])).toEqual([
      ['NodeDown', 'alertmanager', 'ap-south'],
      ['MeridianClusterUnreachable', 'meridian', 'eu-west'],
    ]);
    expect(a.map((x) => x.id)).toEqual(b.map((x) => x.id));
  });

  it('applies active silences itself, also to Meridian alerts that never reach the Alertmanager', () => {
    const m = meridianAlert({ alertname: 'MeridianClusterUnreachable', severity: 'critical', cluster: 'eu-west' }, 'down', 0);
    const silence = (id: string, state: Silence['state']): Silence => ({ id, matchers: matchersFor(m), startsAt: '', endsAt: '', createdBy: 'me', comment: 'c', state });
    expect(mergeAlerts({ prometheus: [], meridian: [m], silences: [silence('x', 'active')] })[0]).toMatchObject({ state: 'silenced', silencedBy: ['x'] });
    expect(mergeAlerts({ prometheus: [], meridian: [m], silences: [silence('x', 'expired')] })[0]).toMatchObject({ state: 'firing' });
    const regex: Silence = { ...silence('r', 'active'), matchers: [{ name: 'cluster', value: 'eu-.*', isRegex: true, isEqual: true }] };
    expect(mergeAlerts({ prometheus: [], meridian: [m], silences: [regex] })[0]?.state).toBe('silenced');
    const negated: Silence = { ...regex, matchers: [{ name: 'cluster', value: 'eu-.*', isRegex: true, isEqual: false }] };
    expect(mergeAlerts({ prometheus: [], meridian: [m], silences: [negated] })[0]?.state).toBe('firing');
  });

  it('gives alerts of a per-cluster Prometheus without a cluster label that cluster', () => {
    const [a] = mergeAlerts({ prometheus: [{ alerts: [prom({ alertname: 'HighLoad', severity: 'info' })], cluster: 'ap-south' }], meridian: [], silences: [] });
    expect(a).toMatchObject({ cluster: 'ap-south', severity: 'info', entity: { kind: 'cluster', id: 'ap-south' } });
  });
});
