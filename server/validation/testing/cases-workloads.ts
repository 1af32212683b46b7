// Table cases of the namespace, pod, Service, Deployment, ServiceEntry, MCS and schema checks. Test-only.
import { deploymentConflictingPorts } from '../checks/deployment-conflicting-ports';
import { deploymentMultiService } from '../checks/deployment-multi-service';
import { mcsExportNoEndpoints } from '../checks/mcs-export-no-endpoints';
import { mcsExportWithoutService } from '../checks/mcs-export-without-service';
import { mcsImportWithoutExport } from '../checks/mcs-import-without-export';
import { multiclusterService } from '../checks/multicluster-service';
import { nsMultipleInjectionLabels } from '../checks/ns-multiple-injection-labels';
import { nsNotInjected } from '../checks/ns-not-injected';
import { podMissingProxy } from '../checks/pod-missing-proxy';
import { portName } from '../checks/port-name';
import { schema } from '../checks/schema';
import { serviceEntryProtocol } from '../checks/serviceentry-protocol';
import type { CheckCase } from './cases';
import { BASE, deployment, ns, pod, se, sexport, simport, slice, svc, vs } from './objects';

const details = (ports: object[]) => svc('bookinfo', 'details', { ports });
const sePort = (name: string, protocol: string) => ({ hosts: ['api.example.com'], ports: [{ name, number: 443, protocol }] });

export const WORKLOAD_CASES: CheckCase[] = [
  {
    check: schema,
    title: 'weight above 100 and an invalid fault',
    valid: [...BASE, vs('bookinfo', 'r', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], timeout: '5s' }] })],
    invalid: [...BASE, vs('bookinfo', 'r', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }], timeout: 'soon' }] })],
    expect: { kind: 'VirtualService', name: 'r', path: 'spec.http[0].timeout' },
  },
  {
    check: nsNotInjected,
    title: 'namespace without injection label',
    valid: [ns('a'), ns('b', { 'istio-injection': 'disabled' }), ns('kube-system', {})],
    invalid: [ns('a', {})],
    expect: { kind: 'Namespace', name: 'a', path: 'metadata.labels' },
  },
  {
    check: nsMultipleInjectionLabels,
    title: 'istio-injection and istio.io/rev together',
    valid: [ns('a', { 'istio.io/rev': 'canary' })],
    invalid: [ns('a', { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })],
    expect: { kind: 'Namespace', name: 'a', path: 'metadata.labels' },
  },
  {
    check: podMissingProxy,
    title: 'pod without sidecar in an injected namespace',
    valid: [...BASE, pod('bookinfo', 'opt-out', { app: 'x' }, { proxy: false, annotations: { 'sidecar.istio.io/inject': 'false' } })],
    invalid: [...BASE, pod('bookinfo', 'bare', { app: 'x' }, { proxy: false })],
    expect: { kind: 'Pod', name: 'bare', path: 'spec.containers' },
  },
  {
    check: podMissingProxy,
    title: 'a native sidecar (istio-proxy init container, restartPolicy Always) is the proxy; a pod the label asks to inject has none',
    valid: [...BASE, pod('bookinfo', 'native', { app: 'x' }, { proxy: 'native' })],
    invalid: [ns('plain', {}), pod('plain', 'asks', { app: 'x', 'sidecar.istio.io/inject': 'true' }, { proxy: false })],
    expect: { kind: 'Pod', name: 'asks', path: 'spec.containers' },
  },
  {
    check: portName,
    title: 'port named "web"',
    valid: [...BASE, details([{ name: 'http-web', port: 80 }, { name: 'web', appProtocol: 'grpc', port: 81 }])],
    invalid: [...BASE, details([{ name: 'web', port: 80 }])],
    expect: { kind: 'Service', name: 'details', path: 'spec.ports[0]' },
  },
  {
    check: deploymentMultiService,
    title: 'port 9080 as TCP in one Service and UDP in another',
    valid: [...BASE, deployment('bookinfo', 'reviews-v1', { app: 'reviews' })],
    invalid: [...BASE, deployment('bookinfo', 'reviews-v1', { app: 'reviews' }), svc('bookinfo', 'reviews-udp', { selector: { app: 'reviews' }, ports: [{ name: 'udp', port: 9080, protocol: 'UDP' }] })],
    expect: { kind: 'Deployment', name: 'reviews-v1', path: 'metadata.name' },
  },
  {
    check: deploymentConflictingPorts,
    title: 'targetPort 9080 reached through ports 9080 and 9090',
    valid: [...BASE, deployment('bookinfo', 'reviews-v1', { app: 'reviews' })],
    invalid: [...BASE, deployment('bookinfo', 'reviews-v1', { app: 'reviews' }), svc('bookinfo', 'reviews-alt', { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9090, targetPort: 9080 }] })],
    expect: { kind: 'Deployment', name: 'reviews-v1', path: 'metadata.name' },
  },
  {
    check: multiclusterService,
    title: 'reviews named http in us-east and tcp in eu-west',
    valid: { 'us-east': [...BASE], 'eu-west': [svc('bookinfo', 'reviews')] },
    invalid: { 'us-east': [...BASE], 'eu-west': [svc('bookinfo', 'reviews', { ports: [{ name: 'tcp', port: 9080 }] })] },
    expect: { kind: 'Service', name: 'reviews', path: 'spec', cluster: 'us-east' },
  },
  {
    check: serviceEntryProtocol,
    title: 'api.example.com:443 as TLS and HTTPS',
    valid: [se('a', 'x', { ...sePort('tls', 'TLS'), exportTo: ['.'] }), se('b', 'y', { ...sePort('https', 'HTTPS'), exportTo: ['.'] })],
    invalid: [se('a', 'x', sePort('tls', 'TLS')), se('b', 'y', sePort('https', 'HTTPS'))],
    expect: { kind: 'ServiceEntry', name: 'x', path: 'spec.ports' },
  },
  {
    check: mcsExportWithoutService,
    title: 'ServiceExport of a Service the cluster does not have',
    valid: [...BASE, sexport('bookinfo', 'reviews')],
    invalid: { 'us-east': [...BASE], 'eu-west': [sexport('bookinfo', 'reviews')] },
    expect: { kind: 'ServiceExport', name: 'reviews', path: 'metadata.name', cluster: 'eu-west' },
  },
  {
    check: mcsImportWithoutExport,
    title: 'ServiceImport that no cluster exports',
    valid: { 'eu-west': [...BASE, sexport('bookinfo', 'reviews')], 'us-east': [simport('bookinfo', 'reviews')] },
    invalid: { 'eu-west': [...BASE], 'us-east': [simport('bookinfo', 'reviews')] },
    expect: { kind: 'ServiceImport', name: 'reviews', path: 'metadata.name', cluster: 'us-east' },
  },
  {
    check: mcsExportNoEndpoints,
    title: 'exported Service whose endpoints are not ready',
    valid: [...BASE, sexport('bookinfo', 'reviews'), slice('bookinfo', 'reviews', true)],
    invalid: [...BASE, sexport('bookinfo', 'reviews'), slice('bookinfo', 'reviews', false)],
    expect: { kind: 'ServiceExport', name: 'reviews', path: 'metadata.name' },
  },
];
