import 'server-only';
import type { KubeObject } from '../types';
import type { ResourceDef } from './resources';

// The printer columns of each kind, like the API server's table convertors for built-in kinds
// and the additionalPrinterColumns of the Istio and MCS CRDs.

export interface Column {
  name: string;
  type?: 'string' | 'integer' | 'date';
  format?: string;
  description?: string;
  /** 0: always shown; 1: only with -o wide. */
  priority?: number;
  value: (obj: KubeObject) => string | number;
}

/** A value at a dotted path; arrays and objects print as JSON, as CRD printer columns do. */
function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

function text(path: string): (obj: KubeObject) => string {
  return (obj) => {
    const v = at(obj, path);
    if (v === undefined || v === null) return '';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
}

const num = (path: string) => (obj: KubeObject) => Number(at(obj, path) ?? 0) || 0;
const col = (name: string, value: Column['value'], extra: Partial<Column> = {}): Column => ({ name, value, ...extra });

function podReady(obj: KubeObject): string {
  const containers = (at(obj, 'spec.containers') as unknown[] | undefined) ?? [];
  const statuses = (at(obj, 'status.containerStatuses') as { ready?: boolean }[] | undefined) ?? [];
  return `${statuses.filter((s) => s.ready).length}/${containers.length}`;
}

function podRestarts(obj: KubeObject): number {
  const statuses = (at(obj, 'status.containerStatuses') as { restartCount?: number }[] | undefined) ?? [];
  return statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

function servicePorts(obj: KubeObject): string {
  const ports = (at(obj, 'spec.ports') as { port?: number; protocol?: string; nodePort?: number }[] | undefined) ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function deploymentReady(obj: KubeObject): string {
  return `${num('status.readyReplicas')(obj)}/${num('spec.replicas')(obj)}`;
}

function sliceEndpoints(obj: KubeObject): string {
  const endpoints = (at(obj, 'endpoints') as { addresses?: string[] }[] | undefined) ?? [];
  const addresses = endpoints.flatMap((e) => e.addresses ?? []);
  if (addresses.length === 0) return '<unset>';
  return addresses.length > 3 ? `${addresses.slice(0, 3).join(',')} + ${addresses.length - 3} more...` : addresses.join(',');
}

const orNone = (f: (obj: KubeObject) => string) => (obj: KubeObject) => f(obj) || '<none>';
const orNA = (f: (obj: KubeObject) => string) => (obj: KubeObject) => f(obj) || 'N/A';
const count = (...paths: string[]) => (obj: KubeObject) => paths.reduce((n, p) => n + Object.keys((at(obj, p) as object | undefined) ?? {}).length, 0);

/** A label selector as kubectl prints one: `app=web,tier in (a,b)`. */
function selectorText(path: string) {
  return (obj: KubeObject) => {
    const sel = (at(obj, path) as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined) ?? {};
    const labels = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
    const exprs = (sel.matchExpressions ?? []).map((e) => {
      if (e.operator === 'Exists') return e.key;
      if (e.operator === 'DoesNotExist') return `!${e.key}`;
      return `${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`;
    });
    return [...labels, ...exprs].join(',') || '<none>';
  };
}

function ingressHosts(obj: KubeObject): string {
  const hosts = ((at(obj, 'spec.rules') as { host?: string }[] | undefined) ?? []).map((r) => r.host || '*');
  return hosts.length ? hosts.join(',') : '*';
}

const ingressPorts = (obj: KubeObject) => (((at(obj, 'spec.tls') as unknown[] | undefined) ?? []).length ? '80, 443' : '80');

/** The subjects of a binding of one kind, as kubectl's wide columns print them. */
function subjects(kind: string) {
  return (obj: KubeObject) => {
    const list = ((at(obj, 'subjects') as { kind?: string; name?: string; namespace?: string }[] | undefined) ?? []).filter((s) => s.kind === kind);
    return list.map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name)).join(', ');
  };
}

const BINDING_COLUMNS = [
  col('Role', (o) => `${text('roleRef.kind')(o)}/${text('roleRef.name')(o)}`),
  col('Users', subjects('User'), { priority: 1 }),
  col('Groups', subjects('Group'), { priority: 1 }),
  col('ServiceAccounts', subjects('ServiceAccount'), { priority: 1 }),
];

/** Kinds the API server prints with a `Created At` timestamp instead of Age. */
const CREATED_AT_KINDS = new Set(['rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole']);

const KIND_COLUMNS: Record<string, Column[]> = {
  '/Namespace': [col('Status', text('status.phase'))],
  '/Pod': [
    col('Ready', podReady),
    col('Status', text('status.phase')),
    col('Restarts', podRestarts, { type: 'integer' }),
    col('IP', orNone(text('status.podIP')), { priority: 1 }),
    col('Node', orNone(text('spec.nodeName')), { priority: 1 }),
  ],
  '/Service': [
    col('Type', text('spec.type')),
    col('Cluster-IP', orNone(text('spec.clusterIP'))),
    col('External-IP', (o) => (at(o, 'spec.externalName') as string | undefined) ?? '<none>'),
    col('Port(s)', servicePorts),
    col('Selector', (o) => Object.entries((at(o, 'spec.selector') as Record<string, string>) ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>', { priority: 1 }),
  ],
  'apps/Deployment': [
    col('Ready', deploymentReady),
    col('Up-to-date', num('status.updatedReplicas'), { type: 'integer' }),
    col('Available', num('status.availableReplicas'), { type: 'integer' }),
  ],
  'apps/ReplicaSet': [
    col('Desired', num('spec.replicas'), { type: 'integer' }),
    col('Current', num('status.replicas'), { type: 'integer' }),
    col('Ready', num('status.readyReplicas'), { type: 'integer' }),
  ],
  'discovery.k8s.io/EndpointSlice': [
    col('AddressType', text('addressType')),
    col('Ports', (o) => ((at(o, 'ports') as { port?: number }[] | undefined) ?? []).map((p) => p.port).join(',') || '<unset>'),
    col('Endpoints', sliceEndpoints),
  ],
  'networking.istio.io/VirtualService': [col('Gateways', text('spec.gateways')), col('Hosts', text('spec.hosts'))],
  'networking.istio.io/DestinationRule': [col('Host', text('spec.host'))],
  'networking.istio.io/ServiceEntry': [
    col('Hosts', text('spec.hosts')),
    col('Location', text('spec.location')),
    col('Resolution', text('spec.resolution')),
  ],
  'networking.istio.io/WorkloadEntry': [col('Address', text('spec.address'))],
  'security.istio.io/PeerAuthentication': [col('Mode', text('spec.mtls.mode'))],
  'security.istio.io/AuthorizationPolicy': [col('Action', text('spec.action'))],
  'multicluster.x-k8s.io/ServiceImport': [col('Type', text('spec.type')), col('IP', text('spec.ips'))],
  '/ConfigMap': [col('Data', count('data', 'binaryData'), { type: 'integer' })],
  '/ServiceAccount': [col('Secrets', count('secrets'), { type: 'integer' })],
  '/Secret': [col('Type', text('type')), col('Data', count('data'), { type: 'integer' })],
  'policy/PodDisruptionBudget': [
    col('Min Available', orNA(text('spec.minAvailable'))),
    col('Max Unavailable', orNA(text('spec.maxUnavailable'))),
    col('Allowed Disruptions', num('status.disruptionsAllowed'), { type: 'integer' }),
  ],
  'networking.k8s.io/NetworkPolicy': [col('Pod-Selector', selectorText('spec.podSelector'))],
  'networking.k8s.io/Ingress': [
    col('Class', orNone(text('spec.ingressClassName'))),
    col('Hosts', ingressHosts),
    col('Address', text('status.loadBalancer.ingress.0.ip')),
    col('Ports', ingressPorts),
  ],
  'networking.k8s.io/IngressClass': [col('Controller', text('spec.controller')), col('Parameters', orNone(text('spec.parameters.name')))],
  'net.gke.io/ServiceImport': [col('Type', text('spec.type')), col('IP', text('spec.ips'))],
  'mesh.cloud.google.com/ControlPlaneRevision': [col('Type', text('spec.type')), col('Channel', text('spec.channel'))],
  'rbac.authorization.k8s.io/RoleBinding': BINDING_COLUMNS,
  'rbac.authorization.k8s.io/ClusterRoleBinding': BINDING_COLUMNS,
};

export function columnsOf(def: ResourceDef): Column[] {
  const name = col('Name', (o) => o.metadata.name, { format: 'name', description: 'Name must be unique within a namespace.' });
  const ageCol = col('Age', () => '', { description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' });
  const key = `${def.group}/${def.kind}`;
  if (CREATED_AT_KINDS.has(key)) return [name, col('Created At', text('metadata.creationTimestamp'), { type: 'string', format: 'date' })];
  const own = KIND_COLUMNS[key] ?? [];
  // The API server puts Age before the wide-only columns.
  return [name, ...own.filter((c) => !c.priority), ageCol, ...own.filter((c) => c.priority)];
}
