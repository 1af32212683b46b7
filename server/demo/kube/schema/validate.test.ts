import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { findKind } from '../resources';
import { kindCauses } from './validate';

// The kinds' own validation rules, with the API server's field paths and wording.

function causes(apiVersion: string, kind: string, rest: Record<string, unknown>, metadata: Record<string, unknown> = {}): string[] {
  const obj = { apiVersion, kind, metadata: { name: 'x', namespace: 'ns', ...metadata }, ...rest } as KubeObject;
  return kindCauses(findKind(apiVersion, kind)!, obj).map((c) => `${c.field}: ${c.message}`);
}

describe('built-in kind validation', () => {
  it('metadata: label keys and values, annotation keys', () => {
    expect(causes('v1', 'ConfigMap', {}, { labels: { 'bad key': 'ok', ok: 'bad value!' }, annotations: { 'a/b/c': 'x' } })).toEqual([
      expect.stringMatching(/^metadata\.labels: Invalid value: "bad key": name part must consist of alphanumeric characters/),
      expect.stringMatching(/^metadata\.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric/),
      expect.stringMatching(/^metadata\.annotations: Invalid value: "a\/b\/c": a qualified name must consist of/),
    ]);
  });

  it('Service: ports need names when several, protocols and node ports', () => {
    const spec = { type: 'ClusterIP', ports: [{ port: 80 }, { port: 443, protocol: 'HTTP', nodePort: 30080 }] };
    expect(causes('v1', 'Service', { spec })).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
      'spec.ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(causes('v1', 'Service', { spec: { selector: { app: 'a' } } })).toEqual(['spec.ports: Required value']);
    expect(causes('v1', 'Service', { spec: { clusterIP: 'None' } })).toEqual([]);
  });

  it('PodDisruptionBudget: not both minAvailable and maxUnavailable; percents up to 100%', () => {
    expect(causes('policy/v1', 'PodDisruptionBudget', { spec: { minAvailable: 1, maxUnavailable: '120%' } })).toEqual([
      'spec: Invalid value: {"minAvailable":1,"maxUnavailable":"120%"}: minAvailable and maxUnavailable cannot be both set',
      'spec.maxUnavailable: Invalid value: "120%": must not be greater than 100%',
    ]);
  });

  it('NetworkPolicy: peers, CIDRs, ports and policy types', () => {
    const spec = {
      podSelector: {},
      policyTypes: ['Inbound'],
      ingress: [{ from: [{}, { ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }], ports: [{ port: 80, endPort: 70 }] }],
    };
    expect(causes('networking.k8s.io/v1', 'NetworkPolicy', { spec })).toEqual([
      'spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`',
      'spec.ingress[0].from[0]: Required value: must specify a peer',
      'spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`',
      'spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Egress", "Ingress"',
    ]);
  });

  it('Ingress: path types, absolute paths, backends', () => {
    const spec = { rules: [{ host: '10.0.0.1', http: { paths: [{ path: 'api', backend: { service: { name: 'web', port: {} } } }] } }] };
    expect(causes('networking.k8s.io/v1', 'Ingress', { spec })).toEqual([
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path',
      'spec.rules[0].http.paths[0].backend.service.port: Invalid value: {}: port name or number is required',
    ]);
  });

  it('ConfigMap and Secret: keys, typed secrets', () => {
    expect(causes('v1', 'ConfigMap', { data: { 'a b': '1' } })).toEqual([expect.stringMatching(/^data\[a b\]: Invalid value: "a b": a valid config key must consist of/)]);
    expect(causes('v1', 'Secret', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } })).toEqual(['data[tls.key]: Required value']);
  });

  it('pod specs: duplicate containers, unknown volume mounts, requests over limits, probes', () => {
    const container = (name: string) => ({
      name,
      image: 'img',
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
      resources: { requests: { cpu: '2' }, limits: { cpu: '1500m' } },
      livenessProbe: { periodSeconds: 5 },
    });
    expect(causes('v1', 'Pod', { spec: { containers: [container('a'), { name: 'a', image: 'img' }] } })).toEqual([
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1500m',
      'spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'spec.containers[1].name: Duplicate value: "a"',
    ]);
  });

  it('Deployment: strategy and template restart policy', () => {
    const spec = {
      selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'img' }] } },
    };
    expect(causes('apps/v1', 'Deployment', { spec })).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
  });
});
