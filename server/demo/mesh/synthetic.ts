import 'server-only';
import { DEMO_CLUSTERS, type DemoCall, type DemoClusterName } from '../types';
import { clusterLocalHost, clusterSetHost, seededRandom } from './ids';
import type { ExportSpec, NamespaceSpec, ServiceSpec, WorkloadSpec } from './spec';

// Generated services for benchmarks: N services in namespaces synth-0..synth-k (50 per namespace;
// every namespace exists in all clusters, namespace sameness), each one Deployment/Pod/Service in
// one cluster, calling 3-4 others. Calls to a service in another cluster use its clusterset.local
// host; such a target is exported from its cluster and imported where its callers run.
// Deterministic: a fixed-seed PRNG, so every cluster (and every start) sees the same plan.

export const SERVICES_PER_NAMESPACE = 50;
const SEED = 0x5eed;
const WORDS = ['cart', 'catalog', 'checkout', 'inventory', 'payment', 'search', 'profile', 'pricing', 'shipping', 'notify', 'auth', 'ledger', 'media', 'feed', 'geo', 'quota'];

interface Planned {
  index: number;
  name: string;
  namespace: string;
  cluster: DemoClusterName;
  protocol: 'http' | 'grpc';
  port: number;
}

function plan(n: number, rnd: () => number): Planned[] {
  const out: Planned[] = [];
  for (let i = 0; i < n; i++) {
    const protocol = rnd() < 0.15 ? 'grpc' : 'http';
    out.push({
      index: i,
      name: `${WORDS[i % WORDS.length]}-${i}`,
      namespace: `synth-${Math.floor(i / SERVICES_PER_NAMESPACE)}`,
      cluster: DEMO_CLUSTERS[Math.floor(rnd() * DEMO_CLUSTERS.length)] ?? 'us-east',
      protocol,
      port: protocol === 'grpc' ? 9090 : 8080,
    });
  }
  return out;
}

/** 3-4 distinct targets, mostly from the caller's own namespace. */
function pickTargets(self: Planned, all: Planned[], rnd: () => number): Planned[] {
  const nsStart = Math.floor(self.index / SERVICES_PER_NAMESPACE) * SERVICES_PER_NAMESPACE;
  const nsSize = Math.min(SERVICES_PER_NAMESPACE, all.length - nsStart);
  const want = Math.min(all.length - 1, rnd() < 0.5 ? 3 : 4);
  const chosen = new Map<number, Planned>();
  for (let guard = 0; chosen.size < want && guard < 100; guard++) {
    const j = rnd() < 0.8 && nsSize > want ? nsStart + Math.floor(rnd() * nsSize) : Math.floor(rnd() * all.length);
    const t = all[j];
    if (t && j !== self.index) chosen.set(j, t);
  }
  return [...chosen.values()];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function build(n: number): NamespaceSpec[] {
  const rnd = seededRandom(SEED);
  const services = plan(n, rnd);
  const byNamespace = new Map<string, { workloads: WorkloadSpec[]; services: ServiceSpec[]; imports: Map<string, Set<DemoClusterName>> }>();
  const bucket = (ns: string) => {
    let b = byNamespace.get(ns);
    if (!b) byNamespace.set(ns, (b = { workloads: [], services: [], imports: new Map() }));
    return b;
  };
  for (const s of services) {
    const calls: DemoCall[] = pickTargets(s, services, rnd).map((t) => {
      const cross = t.cluster !== s.cluster;
      if (cross) {
        const imports = bucket(t.namespace).imports;
        imports.set(t.name, (imports.get(t.name) ?? new Set()).add(s.cluster));
      }
      const host = cross ? clusterSetHost(t.name, t.namespace) : clusterLocalHost(t.name, t.namespace);
      return { host, port: t.port, rps: round1(0.2 + rnd() * 2.8), protocol: t.protocol };
    });
    const isEntry = s.index % SERVICES_PER_NAMESPACE < 5;
    const b = bucket(s.namespace);
    b.workloads.push({
      cluster: s.cluster,
      app: s.name,
      version: 'v1',
      image: 'docker.io/meridian/synthetic-service:1.0',
      ports: [{ name: s.protocol, containerPort: s.port }],
      traffic: {
        ...(isEntry ? { entryRps: round1(2 + rnd() * 8) } : {}),
        latencyMs: Math.round(5 + rnd() * 45),
        ...(rnd() < 0.05 ? { errorRate: 0.01 } : {}),
        calls,
      },
    });
    b.services.push({ name: s.name, clusters: [s.cluster], ports: [{ name: s.protocol, port: s.port }] });
  }
  return [...byNamespace.entries()].map(([name, b]) => {
    const exports: ExportSpec[] = [...b.imports.entries()].map(([service, importers]) => ({
      service,
      from: b.services.find((s) => s.name === service)?.clusters ?? [],
      importedIn: DEMO_CLUSTERS.filter((c) => importers.has(c)),
    }));
    return { name, clusters: DEMO_CLUSTERS, injected: true, workloads: b.workloads, services: b.services, exports };
  });
}

const cache = new Map<number, NamespaceSpec[]>();

/** The synthetic namespaces for `n` services (memoized: every cluster's seed shares one plan). */
export function syntheticContent(n: number): NamespaceSpec[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`syntheticServices must be a non-negative integer, got ${n}`);
  if (n === 0) return [];
  let out = cache.get(n);
  if (!out) cache.set(n, (out = build(n)));
  return out;
}
