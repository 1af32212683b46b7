import { describe, expect, it } from 'vitest';
import { validateIstioObject } from '../../../lib/istio/validate';
import { DEMO_CLUSTERS } from '../types';
import { seedAll } from './testing';

// The demo API server validates Istio and MCS objects with lib/istio's schemas (422 otherwise), so
// every seeded one must pass them; seeding would fail at start otherwise.

const MESH_GROUPS = ['networking.istio.io/', 'security.istio.io/', 'multicluster.x-k8s.io/'];
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

describe('seeded Istio and MCS objects', () => {
  const seeds = seedAll({ syntheticServices: 150 });

  it.each(DEMO_CLUSTERS)('%s: pass the schemas the API server enforces', (cluster) => {
    const mesh = seeds[cluster].filter((o) => MESH_GROUPS.some((g) => o.apiVersion.startsWith(g)));
    expect(mesh.length).toBeGreaterThan(0);
    for (const o of mesh) {
      const result = validateIstioObject(o);
      expect(result.ok ? [] : result.causes, `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).toEqual([]);
    }
  });

  it.each(DEMO_CLUSTERS)('%s: leave the built-in namespaces to the API store', (cluster) => {
    const names = seeds[cluster].filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
    expect(names.filter((n) => BUILTIN_NAMESPACES.includes(n))).toEqual([]);
  });
});
