import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS, type KubeObject } from '../types';
import { labelsMatch, podIsReady } from './build/service';
import { seedCluster } from './seed';
import { containerNames, ofKind, seedAll } from './testing';

// Consistency of the seed as Kubernetes objects, with and without synthetic services.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const variants = [
  ['hand-written content', seedAll()],
  ['with 300 synthetic services', seedAll({ syntheticServices: 300 })],
] as const;

const selectorOf = (svc: KubeObject) => (svc.spec as { selector: Record<string, string> }).selector;
const sliceIps = (slice: KubeObject) =>
  ((slice.endpoints as { addresses: string[] }[]) ?? []).flatMap((e) => e.addresses).sort();

describe.each(variants)('seed (%s)', (_label, seeds) => {
  it.each(DEMO_CLUSTERS)('%s: every Service has one EndpointSlice listing exactly its ready selected pods', (cluster) => {
    const objs = seeds[cluster];
    for (const svc of ofKind(objs, 'Service')) {
      const ns = svc.metadata.namespace ?? '';
      const slices = ofKind(objs, 'EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
      expect(slices, `${cluster} ${ns}/${svc.metadata.name}`).toHaveLength(1);
      const expected = ofKind(objs, 'Pod', ns)
        .filter((p) => labelsMatch(selectorOf(svc), p.metadata.labels) && podIsReady(p))
        .map((p) => (p.status as { podIP: string }).podIP)
        .sort();
      expect(sliceIps(slices[0]!), `${cluster} ${ns}/${svc.metadata.name}`).toEqual(expected);
      expect(slices[0]!.metadata.ownerReferences?.[0]?.uid).toBe(svc.metadata.uid);
    }
  });

  it.each(DEMO_CLUSTERS)('%s: every Pod -> ReplicaSet -> Deployment owner chain resolves with matching uids', (cluster) => {
    const objs = seeds[cluster];
    const byUid = new Map(objs.map((o) => [o.metadata.uid, o]));
    for (const pod of ofKind(objs, 'Pod')) {
      const rsRef = pod.metadata.ownerReferences?.[0];
      const rs = byUid.get(rsRef?.uid);
      expect(rs?.kind, pod.metadata.name).toBe('ReplicaSet');
      expect(rs?.metadata.name).toBe(rsRef?.name);
      expect(rs?.metadata.namespace).toBe(pod.metadata.namespace);
      expect(pod.metadata.labels?.['pod-template-hash']).toBe(rs?.metadata.labels?.['pod-template-hash']);
      const dRef = rs?.metadata.ownerReferences?.[0];
      const deployment = byUid.get(dRef?.uid);
      expect(deployment?.kind).toBe('Deployment');
      expect(deployment?.metadata.name).toBe(dRef?.name);
    }
    for (const d of ofKind(objs, 'Deployment')) {
      const pods = ofKind(objs, 'Pod', d.metadata.namespace).filter((p) => p.metadata.name.startsWith(`${d.metadata.name}-`));
      const status = d.status as { replicas: number; readyReplicas: number };
      expect(pods.length, d.metadata.name).toBe(status.replicas);
      expect(status.readyReplicas).toBe(status.replicas);
    }
  });

  it.each(DEMO_CLUSTERS)('%s: injected namespaces have sidecars, others do not', (cluster) => {
    const objs = seeds[cluster];
    const injected = new Set(ofKind(objs, 'Namespace').filter((n) => n.metadata.labels?.['istio-injection'] === 'enabled').map((n) => n.metadata.name));
    expect(injected.has('bookinfo')).toBe(true);
    for (const pod of ofKind(objs, 'Pod')) {
      const ns = pod.metadata.namespace ?? '';
      const hasProxy = containerNames(pod).includes('istio-proxy');
      if (injected.has(ns)) {
        expect(hasProxy, pod.metadata.name).toBe(true);
        expect(pod.metadata.annotations?.['sidecar.istio.io/status']).toBeDefined();
      } else if (ns !== 'istio-system') {
        expect(hasProxy, pod.metadata.name).toBe(false);
      }
      for (const label of ['app', 'version', 'pod-template-hash', 'service.istio.io/canonical-name', 'service.istio.io/canonical-revision']) {
        expect(pod.metadata.labels?.[label], `${pod.metadata.name} ${label}`).toBeTruthy();
      }
    }
    for (const pod of ofKind(objs, 'Pod', 'legacy')) expect(containerNames(pod)).not.toContain('istio-proxy');
  });

  it.each(DEMO_CLUSTERS)('%s: names are DNS-1123, uids and pod IPs unique, namespaces exist and come first', (cluster) => {
    const objs = seeds[cluster];
    const namespaces = new Set(ofKind(objs, 'Namespace').map((n) => n.metadata.name));
    const uids = new Set<string | undefined>();
    const ips = new Set<string>();
    let seenNonNamespace = false;
    for (const o of objs) {
      const { name, namespace, uid } = o.metadata;
      const label = ['Namespace', 'Service'].includes(o.kind);
      expect(label ? DNS1123_LABEL.test(name) && name.length <= 63 : DNS1123_SUBDOMAIN.test(name) && name.length <= 253, `${o.kind} ${name}`).toBe(true);
      expect(uids.has(uid), `uid of ${o.kind} ${name}`).toBe(false);
      uids.add(uid);
      if (o.kind === 'Namespace') expect(seenNonNamespace, 'namespaces first').toBe(false);
      else {
        seenNonNamespace = true;
        expect(namespaces.has(namespace ?? ''), `${o.kind} ${namespace}/${name}`).toBe(true);
      }
      if (o.kind === 'Pod') {
        const ip = (o.status as { podIP: string }).podIP;
        expect(ips.has(ip), ip).toBe(false);
        ips.add(ip);
      }
    }
  });
});

describe('seed determinism', () => {
  it('returns identical objects on every call', () => {
    for (const cluster of DEMO_CLUSTERS) {
      expect(JSON.stringify(seedCluster(cluster))).toBe(JSON.stringify(seedCluster(cluster)));
      expect(JSON.stringify(seedCluster(cluster, { syntheticServices: 120 }))).toBe(JSON.stringify(seedCluster(cluster, { syntheticServices: 120 })));
    }
  });

  it('keeps the hand-written objects unchanged when synthetic services are added', () => {
    const plain = seedCluster('us-east');
    const names = new Set(plain.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
    const withSynthetic = seedCluster('us-east', { syntheticServices: 200 }).filter((o) => names.has(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`));
    expect(JSON.stringify(withSynthetic)).toBe(JSON.stringify(plain));
  });
});
