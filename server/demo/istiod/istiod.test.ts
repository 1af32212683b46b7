import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS } from '../types';
import { clusterz } from './clusterz';
import { mcsSummary, mcsz } from './mcsz';
import { proxySyncState, syncz } from './syncz';
import { seededViews, testView } from './testing';

const views = seededViews();
const view = (c: string) => views.find((v) => v.cluster === c)!;
const proxyPods = (c: string) =>
  view(c)
    .list('v1', 'Pod')
    .filter((p) => ((p.spec as { containers: { name: string }[] }).containers ?? []).some((x) => x.name === 'istio-proxy'))
    .map((p) => `${p.metadata.name}.${p.metadata.namespace}`)
    .sort();

describe('syncz', () => {
  it.each(DEMO_CLUSTERS)('%s: lists every pod with a proxy, all SYNCED, in Istio SyncStatus shape', (c) => {
    const out = syncz(view(c));
    expect(out.map((s) => s.proxy).sort()).toEqual(proxyPods(c));
    expect(out.length).toBeGreaterThan(0);
    for (const s of out) {
      expect(s.cluster_id).toBe(c);
      expect(s.istio_version).toMatch(/^1\.28\./);
      expect(s.cluster_sent).toBe(s.cluster_acked);
      expect(proxySyncState(s)).toBe('SYNCED');
    }
  });

  it('includes sidecars of bookinfo and the ingress gateway as a router, not legacy or istiod', () => {
    const out = syncz(view('us-east'));
    expect(out.some((s) => s.proxy.startsWith('productpage-v1-') && s.proxy.endsWith('.bookinfo') && s.proxy_type === 'sidecar')).toBe(true);
    expect(out.find((s) => s.proxy.startsWith('istio-ingressgateway-'))?.proxy_type).toBe('router');
    expect(out.some((s) => s.proxy.startsWith('istiod-'))).toBe(false);
    expect(syncz(view('ap-south')).some((s) => s.proxy.endsWith('.legacy'))).toBe(false);
  });

  it('marks proxies STALE or NOT SENT on request', () => {
    const all = syncz(view('us-east'));
    const target = all.find((s) => s.proxy.startsWith('reviews-v2-'))!.proxy;
    const out = syncz(view('us-east'), { stale: [target], staleTypes: ['endpoint'], notSent: ['mcs-demo/*'] });
    const stale = out.find((s) => s.proxy === target)!;
    expect(proxySyncState(stale)).toBe('STALE');
    expect(stale.endpoint_sent).not.toBe(stale.endpoint_acked);
    expect(stale.route_sent).toBe(stale.route_acked);
    const mcs = out.filter((s) => s.proxy.endsWith('.mcs-demo'));
    expect(mcs.length).toBeGreaterThan(0);
    for (const s of mcs) {
      expect(proxySyncState(s)).toBe('NOT SENT');
      expect(s).not.toHaveProperty('cluster_sent');
    }
    expect(out.filter((s) => proxySyncState(s) === 'SYNCED')).toHaveLength(all.length - 1 - mcs.length);
  });

  it('changes nonces when the pushed config changes', () => {
    const v = testView('us-east', view('us-east').objects.map((o) => ({ ...o, metadata: { ...o.metadata, resourceVersion: '10' } })));
    const before = syncz(v)[0]!.listener_sent;
    const vs = v.objects.find((o) => o.kind === 'VirtualService')!;
    vs.metadata.resourceVersion = '11';
    expect(syncz(v)[0]!.listener_sent).not.toBe(before);
  });
});

describe('mcsz', () => {
  const rows = mcsz(views);

  it('shows ratings exported from eu-west and imported in us-east with its VIP', () => {
    const ratings = rows.filter((r) => r.Namespace === 'bookinfo' && r.Name === 'ratings');
    expect(ratings.find((r) => r.Cluster === 'eu-west')).toMatchObject({ Exported: true });
    const imported = ratings.find((r) => r.Cluster === 'us-east');
    expect(imported).toMatchObject({ Exported: false, Imported: true });
    expect(imported?.ClusterSetVIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    const summary = mcsSummary(rows).find((s) => s.name === 'ratings');
    expect(summary).toMatchObject({ namespace: 'bookinfo', exportedFrom: ['eu-west'], importedIn: ['eu-west', 'us-east'] });
  });

  it('shows hello-master-engine exported from eu-west, imported in us-east, sorted rows', () => {
    expect(mcsSummary(rows).find((s) => s.name === 'hello-master-engine')).toMatchObject({ exportedFrom: ['eu-west'], importedIn: ['us-east'] });
    const keys = rows.map((r) => `${r.Cluster}/${r.Namespace}/${r.Name}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('clusterz', () => {
  it('lists its own cluster and one entry per remote secret', () => {
    expect(clusterz(views, 'eu-west')).toEqual([
      { id: 'eu-west', secretName: '', syncStatus: 'synced' },
      { id: 'ap-south', secretName: 'istio-system/istio-remote-secret-ap-south', syncStatus: 'synced' },
      { id: 'us-east', secretName: 'istio-system/istio-remote-secret-us-east', syncStatus: 'synced' },
    ]);
  });

  it('reports an unreachable or unknown remote as timeout', () => {
    expect(clusterz(views, 'us-east', { unreachable: ['ap-south'] }).find((c) => c.id === 'ap-south')?.syncStatus).toBe('timeout');
    expect(clusterz([view('us-east')], 'us-east').filter((c) => c.syncStatus === 'timeout')).toHaveLength(2);
  });
});
