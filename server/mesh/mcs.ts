import 'server-only';
import type { ClusterSnapshot, K8sObject } from '@/lib/inventory/types';
import type { MCSClusterState, MCSProblem, MCSServiceRow } from '@/lib/mesh';
import { serviceFqdn } from '@/lib/mesh-rules/hosts';
import { derivedEndpoints, derivedServiceOf, mcsExportEntries, mcsExports, mcsImportEntries, mcsImports, UPSTREAM_MCS_GROUP } from '@/lib/mesh-rules/mcs';
import { readyEndpoints as readyOf, SERVICE_NAME_LABEL, servicePorts, type ServicePort } from '@/lib/mesh-rules/service';
import { rec } from '@/lib/mesh-rules/spec';
import type { MCSServiceInfo } from '@/server/istiod';

// Multi-cluster services: every clusterset service (a ServiceExport or ServiceImport somewhere, of
// either MCS group: multicluster.x-k8s.io or GKE's net.gke.io) x every cluster that exports,
// imports or has a Service of that name, from the inventory caches (ServiceExport, ServiceImport,
// Service, EndpointSlice) and istiod's /debug/mcsz (which also knows the registries of remote
// clusters). GKE's derived Services (gke-mcs-*) are a detail of their import's row, their endpoints
// the import's endpoints per exporting cluster. Then the problems an operator must fix.

const key = (ns: string, name: string) => `${ns}/${name}`;
const portLabel = (p: ServicePort) => `${p.name ? `${p.name}:` : ''}${p.port ?? '?'}/${p.protocol ?? 'TCP'}${p.appProtocol ? ` (${p.appProtocol})` : ''}`;
// What must agree between clusters (MCS port conflict rules): number, protocol, app protocol.
const portIdentity = (ports: ServicePort[]) =>
  ports
    .map((p) => `${p.port ?? '?'}/${p.protocol ?? 'TCP'}${p.appProtocol ? `/${p.appProtocol}` : ''}`)
    .sort()
    .join(',');

function readyEndpoints(slices: K8sObject[], ns: string, name: string): number {
  let n = 0;
  for (const s of slices) {
    if (s.metadata.namespace !== ns || s.metadata.labels?.[SERVICE_NAME_LABEL] !== name) continue;
    n += readyOf(s);
  }
  return n;
}

interface Facts {
  exported: boolean;
  imported: boolean;
  service?: K8sObject;
  serviceImport?: K8sObject;
  groups: Set<string>;
}

export function buildMcs(clusters: readonly ClusterSnapshot[], mcsz: readonly MCSServiceInfo[] = []): { services: MCSServiceRow[]; problems: MCSProblem[] } {
  // clusterset service -> cluster -> facts
  const facts = new Map<string, Map<string, Facts>>();
  const at = (k: string, cluster: string): Facts => {
    let byCluster = facts.get(k);
    if (!byCluster) facts.set(k, (byCluster = new Map()));
    let f = byCluster.get(cluster);
    if (!f) byCluster.set(cluster, (f = { exported: false, imported: false, groups: new Set() }));
    return f;
  };
  for (const c of clusters) {
    for (const { obj: se, group } of mcsExportEntries(c.objects)) {
      const f = at(key(se.metadata.namespace ?? 'default', se.metadata.name), c.cluster);
      f.exported = true;
      f.groups.add(group);
    }
    for (const { obj: si, group } of mcsImportEntries(c.objects)) {
      const f = at(key(si.metadata.namespace ?? 'default', si.metadata.name), c.cluster);
      f.imported = true;
      f.serviceImport = si;
      f.groups.add(group);
    }
  }
  for (const row of mcsz) {
    if (!row.Exported && !row.Imported) continue;
    const f = at(key(row.Namespace, row.Name), row.Cluster);
    f.exported ||= row.Exported;
    f.imported ||= row.Imported;
  }
  // Every cluster with a Service of a clusterset name takes part (it may serve it without exporting).
  for (const c of clusters) {
    for (const svc of c.objects.Service) {
      const k = key(svc.metadata.namespace ?? 'default', svc.metadata.name);
      if (facts.has(k)) at(k, c.cluster).service = svc;
    }
  }

  // Clusters taking part in MCS (an export or import of either group) whose namespaces are known.
  const participants = clusters
    .filter((c) => c.state === 'synced' && c.objects.Namespace.length > 0 && (mcsExports(c.objects).length > 0 || mcsImports(c.objects).length > 0))
    .map((c) => ({ cluster: c.cluster, namespaces: new Set(c.objects.Namespace.map((n) => n.metadata.name)) }));
  const host = (name: string, ns: string) => serviceFqdn(name, ns, 'clusterset');
  const services: MCSServiceRow[] = [];
  const problems: MCSProblem[] = [];
  for (const [k, byCluster] of [...facts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const [namespace = '', name = ''] = k.split('/');
    const problem = (code: MCSProblem['code'], severity: MCSProblem['severity'], message: string, cluster?: string) =>
      problems.push({ code, severity, namespace, name, message, ...(cluster ? { cluster } : {}) });
    const states: MCSClusterState[] = [];
    const identities = new Map<string, string[]>();
    for (const [cluster, f] of [...byCluster.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const snap = clusters.find((c) => c.cluster === cluster);
      const ports = servicePorts(rec(f.service?.spec).ports !== undefined ? f.service?.spec : f.serviceImport?.spec);
      const endpoints = f.service && snap ? readyEndpoints(snap.objects.EndpointSlice, namespace, name) : 0;
      const state: MCSClusterState = { cluster, exported: f.exported, imported: f.imported, service: Boolean(f.service), endpoints, ports: ports.map(portLabel) };
      // The upstream group is implied; a cluster state names its groups when GKE's (or another) is among them.
      if ([...f.groups].some((g) => g !== UPSTREAM_MCS_GROUP)) state.groups = [...f.groups].sort();
      const derived = f.serviceImport && derivedServiceOf(f.serviceImport);
      if (derived) {
        state.derivedService = derived;
        state.importedEndpoints = snap ? derivedEndpoints(snap.objects.EndpointSlice, namespace, derived) : {};
      }
      states.push(state);
      if ((f.exported && f.service) || (f.imported && ports.length)) {
        const id = portIdentity(ports);
        identities.set(id, [...(identities.get(id) ?? []), cluster]);
      }
    }
    const exportedFrom = states.filter((s) => s.exported).map((s) => s.cluster);
    const importedIn = states.filter((s) => s.imported).map((s) => s.cluster);
    const portsConsistent = identities.size <= 1;
    services.push({ namespace, name, host: serviceFqdn(name, namespace, 'clusterset'), exportedFrom, importedIn, clusters: states, portsConsistent });

    for (const s of states) {
      if (s.exported && !s.service) problem('export-without-service', 'error', `${k} is exported from ${s.cluster}, which has no Service ${name}`, s.cluster);
    }
    if (importedIn.length && !exportedFrom.length) {
      problems.push({ code: 'import-without-export', severity: 'error', namespace, name, clusters: importedIn, message: `${k} is imported in ${importedIn.join(', ')} but no cluster exports it: ${host(name, namespace)} has no backend` });
    }
    if (!portsConsistent) {
      const detail = [...identities.entries()].map(([id, cs]) => `${cs.join(', ')}: ${id || 'no ports'}`).join('; ');
      problem('ports-differ', 'warning', `${k} has different ports or protocols between clusters (${detail})`);
    }
    if (exportedFrom.length && !importedIn.length) problem('export-not-imported', 'warning', `${k} is exported from ${exportedFrom.join(', ')} but no cluster imports it`);
    for (const s of states) {
      if (!s.derivedService) continue;
      const n = Object.values(s.importedEndpoints ?? {}).reduce((a, b) => a + b, 0);
      if (n === 0) problem('derived-no-endpoints', 'warning', `${k} is imported in ${s.cluster}, but its derived Service ${s.derivedService} has no ready endpoints there: ${host(name, namespace)} has no backend in ${s.cluster}`, s.cluster);
    }
    if (exportedFrom.length) {
      for (const c of participants) {
        if (!c.namespaces.has(namespace)) problem('namespace-missing', 'warning', `${k} is exported from ${exportedFrom.join(', ')}, but ${c.cluster} has no namespace ${namespace}: the MCS controller imports a service only into clusters that have its namespace`, c.cluster);
      }
    }
    const serving = states.filter((s) => s.exported && s.service);
    const total = serving.reduce((n, s) => n + s.endpoints, 0);
    for (const s of serving) {
      if (s.endpoints > 0) continue;
      const others = total > 0 ? 'other exporting clusters still serve it' : 'no cluster serves it';
      problem('export-no-endpoints', total > 0 ? 'warning' : 'error', `${k} is exported from ${s.cluster} but has no ready endpoints there (${others})`, s.cluster);
    }
  }
  return { services, problems };
}
