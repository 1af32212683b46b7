import { describe, expect, it } from 'vitest';
import { ISTIO_KINDS, ISTIO_KIND_LIST, type IstioKindName, istioKindByApiVersionKind, istioKindByPlural, istioKindOf, WRITABLE_KIND_LIST } from './kinds';
import { validateIstioObject } from './validate';

const meta = { name: 'demo', namespace: 'mcs-demo' };

function obj(kind: IstioKindName, spec: unknown, extra: Record<string, unknown> = {}) {
  return { apiVersion: ISTIO_KINDS[kind].apiVersion, kind: ISTIO_KINDS[kind].kind, metadata: meta, spec, ...extra };
}

/** One valid and one invalid object per kind; `invalid` lists the fields the causes must name. */
const CASES: Record<IstioKindName, { valid: unknown; invalid: unknown; fields: string[] }> = {
  VirtualService: {
    valid: obj('VirtualService', { hosts: ['ratings'], http: [{ route: [{ destination: { host: 'ratings' } }] }] }),
    invalid: obj('VirtualService', { hosts: [''], http: [{ route: [{ destination: { host: 'ratings' } }], timeout: '10' }] }),
    fields: ['spec.hosts[0]', 'spec.http[0].timeout'],
  },
  DestinationRule: {
    valid: obj('DestinationRule', { host: 'ratings', subsets: [{ name: 'v1', labels: { version: 'v1' } }] }),
    invalid: obj('DestinationRule', { host: 'ratings', subsets: [{ name: 'v1.0' }] }),
    fields: ['spec.subsets[0].name'],
  },
  Gateway: {
    valid: obj('Gateway', {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['bookinfo/*.example.com'], tls: { mode: 'SIMPLE', credentialName: 'cert' } },
      ],
    }),
    invalid: obj('Gateway', { servers: [{ port: { number: 70000, protocol: 'HTTP' }, hosts: [], tls: { mode: 'ON' } }] }),
    fields: ['spec.servers[0].hosts', 'spec.servers[0].port.number', 'spec.servers[0].tls.mode'],
  },
  ServiceEntry: {
    valid: obj('ServiceEntry', {
      hosts: ['api.example.com'],
      ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
      location: 'MESH_EXTERNAL',
      resolution: 'DNS',
      endpoints: [{ address: '10.0.0.1', ports: { https: 8443 } }],
    }),
    invalid: obj('ServiceEntry', { ports: [{ number: 443, name: '' }], resolution: 'ROUND_ROBIN' }),
    fields: ['spec.hosts', 'spec.ports[0].name', 'spec.resolution'],
  },
  Sidecar: {
    valid: obj('Sidecar', {
      workloadSelector: { labels: { app: 'ratings' } },
      egress: [{ hosts: ['./*', 'istio-system/*'] }],
      outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
    }),
    invalid: obj('Sidecar', { egress: [{ hosts: [] }], ingress: [{ port: { number: 9080 }, captureMode: 'ALL' }] }),
    fields: ['spec.egress[0].hosts', 'spec.ingress[0].captureMode'],
  },
  WorkloadEntry: {
    valid: obj('WorkloadEntry', { address: '2.2.2.2', ports: { http: 8080 }, labels: { app: 'vm' }, serviceAccount: 'vm' }),
    invalid: obj('WorkloadEntry', { address: '2.2.2.2', ports: { http: 0 }, weight: -1 }),
    fields: ['spec.ports.http', 'spec.weight'],
  },
  PeerAuthentication: {
    valid: obj('PeerAuthentication', {
      selector: { matchLabels: { app: 'ratings' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '8080': { mode: 'PERMISSIVE' } },
    }),
    invalid: obj('PeerAuthentication', { mtls: { mode: 'STRICT' }, portLevelMtls: { http: { mode: 'DISABLE' } } }),
    fields: ['spec.portLevelMtls.http', 'spec.selector'],
  },
  AuthorizationPolicy: {
    valid: obj('AuthorizationPolicy', {
      selector: { matchLabels: { app: 'ratings' } },
      action: 'DENY',
      rules: [
        {
          from: [{ source: { notNamespaces: ['mcs-demo'] } }],
          to: [{ operation: { methods: ['POST'], paths: ['/admin*'] } }],
          when: [{ key: 'request.headers[x-token]', notValues: ['secret'] }],
        },
      ],
    }),
    invalid: obj('AuthorizationPolicy', {
      selector: { matchLabels: { app: 'x' } },
      targetRef: { kind: 'Gateway', name: 'gw' },
      action: 'CUSTOM',
      rules: [{ when: [{ key: 'source.ip', values: ['10.0.0.0/8'] }] }],
    }),
    fields: ['spec.provider', 'spec.targetRef'],
  },
  RequestAuthentication: {
    valid: obj('RequestAuthentication', {
      targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'ingress' }],
      jwtRules: [{ issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks', timeout: '5s' }],
    }),
    invalid: obj('RequestAuthentication', { jwtRules: [{ jwksUri: 'https://x', timeout: '5 seconds' }] }),
    fields: ['spec.jwtRules[0].issuer', 'spec.jwtRules[0].timeout'],
  },
  ServiceExport: {
    valid: { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: meta },
    invalid: { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceExport', metadata: { name: 'Hello_Master' } },
    fields: ['metadata.name'],
  },
  ServiceImport: {
    valid: obj(
      'ServiceImport',
      { type: 'ClusterSetIP', ports: [{ port: 8080, protocol: 'TCP', name: 'http' }], ips: ['10.42.0.10'] },
      { status: { clusters: [{ cluster: 'cluster-west' }, { cluster: 'cluster-east' }] } },
    ),
    invalid: obj('ServiceImport', { type: 'LoadBalancer', ports: [{ port: 0 }] }, { status: { clusters: [{}] } }),
    fields: ['spec.ports[0].port', 'spec.type', 'status.clusters[0].cluster'],
  },
  'ServiceExport.net.gke.io': {
    valid: obj('ServiceExport.net.gke.io', undefined, { status: { conditions: [{ type: 'Exported', status: 'True', reason: 'Exported' }] } }),
    invalid: { apiVersion: 'net.gke.io/v1', kind: 'ServiceExport', metadata: { name: 'Hello_Master' }, status: { conditions: [{ type: 'Exported' }] } },
    fields: ['metadata.name', 'status.conditions[0].status'],
  },
  'ServiceImport.net.gke.io': {
    // GKE names the exporting clusters by fleet membership, not by a DNS label.
    valid: obj(
      'ServiceImport.net.gke.io',
      { type: 'ClusterSetIP', ports: [{ port: 8080, protocol: 'TCP' }], ips: ['34.118.229.70'], sessionAffinity: 'None' },
      { status: { clusters: [{ cluster: 'projects/680206487583/locations/us-central1/memberships/gke-1' }] } },
    ),
    invalid: obj('ServiceImport.net.gke.io', { type: 'ClusterSetIP', ports: [{ port: 70000 }] }, { status: { clusters: [{ cluster: '' }] } }),
    fields: ['spec.ports[0].port', 'status.clusters[0].cluster'],
  },
  ControlPlaneRevision: {
    valid: obj('ControlPlaneRevision', { type: 'managed_service', channel: 'regular' }, {
      status: { conditions: [{ type: 'Reconciled', status: 'True', reason: 'Provisioned' }, { type: 'Stalled', status: 'False', reason: 'NotStalled' }] },
    }),
    invalid: obj('ControlPlaneRevision', { type: 'istiod', channel: 'beta' }),
    fields: ['spec.channel', 'spec.type'],
  },
};

describe('every registered kind', () => {
  it('has a valid and an invalid case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(ISTIO_KINDS).sort());
  });

  it.each(Object.entries(CASES))('%s: accepts the valid case and names the invalid fields', (_kind, c) => {
    expect(validateIstioObject(c.valid)).toMatchObject({ ok: true });
    const result = validateIstioObject(c.invalid);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.causes.map((x) => x.field).sort()).toEqual(c.fields);
  });

  it('keeps unknown fields of every kind', () => {
    for (const c of Object.values(CASES)) {
      const withExtra = { ...(c.valid as object), extraTop: 1, metadata: { ...meta, managedFields: [{ manager: 'k' }] } };
      const result = validateIstioObject(withExtra);
      expect(result.ok && result.value).toEqual(withExtra);
    }
  });
});

describe('value rules of the security kinds', () => {
  it('names unsupported modes and actions and a condition without key', () => {
    const pa = validateIstioObject(obj('PeerAuthentication', { mtls: { mode: 'ON' } }));
    expect(pa.ok ? [] : pa.causes).toEqual([
      expect.objectContaining({ field: 'spec.mtls.mode', reason: 'FieldValueNotSupported', message: expect.stringContaining('STRICT') }),
    ]);
    const ap = validateIstioObject(obj('AuthorizationPolicy', { action: 'REJECT', rules: [{ when: [{ values: ['a'] }] }] }));
    expect(ap.ok ? [] : ap.causes.map((c) => [c.field, c.reason])).toEqual([
      ['spec.rules[0].when[0].key', 'FieldValueRequired'],
      ['spec.action', 'FieldValueNotSupported'],
    ]);
  });
});

describe('kind registry', () => {
  it("uses the API server's names", () => {
    expect(ISTIO_KINDS.VirtualService).toMatchObject({
      group: 'networking.istio.io',
      version: 'v1',
      apiVersion: 'networking.istio.io/v1',
      plural: 'virtualservices',
      singular: 'virtualservice',
      shortNames: ['vs'],
      namespaced: true,
    });
    expect(ISTIO_KINDS.AuthorizationPolicy.plural).toBe('authorizationpolicies');
    expect(ISTIO_KINDS.ServiceEntry.plural).toBe('serviceentries');
    const shortNames = ISTIO_KIND_LIST.flatMap((k) => k.shortNames);
    expect(shortNames).toEqual(['vs', 'dr', 'gw', 'se', 'we', 'pa', 'ap', 'ra', 'svcex', 'svcim']);
  });

  it('finds kinds by apiVersion/kind and by group/plural', () => {
    expect(istioKindByApiVersionKind('networking.istio.io/v1', 'DestinationRule')?.plural).toBe('destinationrules');
    expect(istioKindByApiVersionKind('networking.istio.io/v1beta1', 'DestinationRule')).toBeUndefined();
    expect(istioKindByApiVersionKind('v1', 'Service')).toBeUndefined();
    expect(istioKindByApiVersionKind('networking.istio.io/v1', 'toString')).toBeUndefined();
    expect(istioKindByPlural('security.istio.io', 'peerauthentications')?.kind).toBe('PeerAuthentication');
    expect(istioKindByPlural('multicluster.x-k8s.io', 'serviceimports')?.kind).toBe('ServiceImport');
    expect(istioKindByPlural('networking.istio.io', 'peerauthentications')).toBeUndefined();
  });

  it('tells the two MCS groups apart: one id per group, the API kind shared', () => {
    expect(istioKindByApiVersionKind('net.gke.io/v1', 'ServiceExport')?.id).toBe('ServiceExport.net.gke.io');
    expect(istioKindByApiVersionKind('multicluster.x-k8s.io/v1alpha1', 'ServiceExport')?.id).toBe('ServiceExport');
    expect(istioKindOf({ apiVersion: 'net.gke.io/v1', kind: 'ServiceImport' })?.plural).toBe('serviceimports');
    expect(istioKindByPlural('net.gke.io', 'serviceimports')?.id).toBe('ServiceImport.net.gke.io');
    expect(istioKindOf({ apiVersion: 'net.gke.io/v1alpha1', kind: 'ServiceImport' })).toBeUndefined();
    // Google owns ControlPlaneRevision: the console reads it, never offers to write it.
    expect(WRITABLE_KIND_LIST.map((k) => k.id)).not.toContain('ControlPlaneRevision');
    expect(WRITABLE_KIND_LIST.map((k) => k.id)).toContain('ServiceExport.net.gke.io');
  });
});
