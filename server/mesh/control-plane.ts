import 'server-only';
import type { ControlPlane } from '@/lib/mesh';

// Which Istio multi-cluster model the mesh runs, from two facts per cluster: does it run an istiod
// (inventory), and which clusters does each istiod watch (/debug/clusterz: its own, then one per
// remote secret). Istio's models:
//   multi-primary   every cluster runs istiod and watches the others through remote secrets
//   primary-remote  some clusters run no istiod; a primary's istiod watches and serves them
//   independent     several istiods that do not watch each other (no cross-cluster discovery)
//   single-cluster  one cluster
// and Cloud Service Mesh's managed control plane (GKE): Google runs it outside the clusters (Traffic
// Director serves every proxy), no istiod runs in them:
//   managed         every cluster is managed (a mix names its managed clusters in the explanation)

export interface ControlPlaneInput {
  clusters: string[];
  /** Clusters with an istiod Deployment of their own. */
  withIstiod: ReadonlySet<string>;
  /** Per cluster whose istiod answered /debug/clusterz: the cluster ids it watches. */
  watches: Readonly<Record<string, readonly string[]>>;
  /** Clusters with a managed control plane (server/istiod/managed.ts). */
  managed?: ReadonlySet<string>;
}

const MANAGED_EXPLANATION = 'Cloud Service Mesh runs the control plane outside the clusters: Google serves every proxy (Traffic Director), no istiod runs in them.';

export function detectControlPlane(input: ControlPlaneInput): ControlPlane {
  const managed = input.clusters.filter((c) => input.managed?.has(c) && !input.withIstiod.has(c));
  if (managed.length === 0) return detectIstiod(input);
  if (managed.length === input.clusters.length) {
    return { model: 'managed', servedBy: {}, watches: {}, managed, explanation: `${MANAGED_EXPLANATION} Managed: ${managed.join(', ')}.` };
  }
  const rest = detectIstiod({ ...input, clusters: input.clusters.filter((c) => !managed.includes(c)) });
  return { ...rest, managed, explanation: `${rest.explanation} ${managed.join(', ')} ${managed.length === 1 ? 'has' : 'have'} a managed control plane (Cloud Service Mesh).` };
}

function detectIstiod({ clusters, withIstiod, watches }: ControlPlaneInput): ControlPlane {
  const servedBy: Record<string, string> = {};
  const watching: Record<string, string[]> = {};
  for (const c of clusters) {
    if (withIstiod.has(c)) servedBy[c] = c;
    const w = watches[c];
    if (w) watching[c] = [c, ...w.filter((x) => x !== c)];
  }
  const remotes: string[] = [];
  for (const c of clusters) {
    if (servedBy[c]) continue;
    const primary = clusters.find((p) => withIstiod.has(p) && watches[p]?.includes(c));
    if (primary) {
      servedBy[c] = primary;
      remotes.push(c);
    }
  }
  const primaries = clusters.filter((c) => withIstiod.has(c));
  const unserved = clusters.filter((c) => !servedBy[c]);
  const watchesOthers = primaries.filter((p) => (watches[p] ?? []).some((x) => x !== p && clusters.includes(x)));

  let model: ControlPlane['model'];
  let explanation: string;
  if (clusters.length === 1 && primaries.length === 1) {
    model = 'single-cluster';
    explanation = `One cluster with its own istiod.`;
  } else if (remotes.length > 0) {
    model = 'primary-remote';
    explanation = `${remotes.map((r) => `${r} is served by the istiod of ${servedBy[r]}`).join('; ')}.`;
  } else if (primaries.length === clusters.length && watchesOthers.length > 0) {
    model = 'multi-primary';
    explanation = `Every cluster runs its own istiod; ${watchesOthers.length === primaries.length ? 'each' : watchesOthers.join(', ')} discovers the other clusters' endpoints through remote secrets.`;
  } else if (primaries.length === clusters.length && Object.keys(watches).length > 0) {
    model = 'independent';
    explanation = 'Every cluster runs its own istiod but none watches another: services are not discovered across clusters.';
  } else {
    model = 'unknown';
    explanation = primaries.length === 0 ? 'No istiod was found in any cluster.' : 'istiod did not say which clusters it watches (/debug/clusterz unreadable).';
  }
  if (unserved.length && model !== 'unknown') explanation += ` No istiod is known to serve ${unserved.join(', ')}.`;
  return { model, servedBy, watches: watching, explanation };
}
