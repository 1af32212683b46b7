// Table cases of the MCS checks on GKE's group (net.gke.io), mixed fleets, GKE's derived Services
// and managed control-plane revisions. Test-only.
import { mcsDerivedNoEndpoints } from '../checks/mcs-derived-no-endpoints';
import { mcsExportNoEndpoints } from '../checks/mcs-export-no-endpoints';
import { mcsExportWithoutService } from '../checks/mcs-export-without-service';
import { mcsImportWithoutExport } from '../checks/mcs-import-without-export';
import { mcsNamespaceMissing } from '../checks/mcs-namespace-missing';
import { nsUnknownRevision } from '../checks/ns-unknown-revision';
import { schema } from '../checks/schema';
import type { CheckCase } from './cases';
import { BASE, controlPlaneRevision, deployment, gkeExport, gkeImport, ns, sexport, simport, slice, svc } from './objects';

const DERIVED = 'gke-mcs-1a8qqpah56';
/** The derived Service (no selector) and its EndpointSlice, ready or not. */
const derived = (ready: boolean) => [svc('bookinfo', DERIVED, { selector: undefined }), slice('bookinfo', DERIVED, ready)];
const istiod = { ...deployment('istio-system', 'istiod', { app: 'istiod' }), metadata: { name: 'istiod', namespace: 'istio-system', labels: { app: 'istiod', istio: 'pilot' } } };

export const GKE_CASES: CheckCase[] = [
  {
    check: schema,
    title: 'net.gke.io ServiceImport checked against its own schema',
    valid: [...BASE, gkeImport('bookinfo', 'reviews')],
    invalid: [...BASE, { ...gkeImport('bookinfo', 'reviews'), spec: { type: 'ClusterSetIP', ports: [{ port: 0 }] } }],
    expect: { kind: 'ServiceImport.net.gke.io', name: 'reviews', path: 'spec.ports[0].port' },
  },
  {
    check: mcsExportWithoutService,
    title: 'net.gke.io ServiceExport of a Service the cluster does not have',
    valid: [...BASE, gkeExport('bookinfo', 'reviews')],
    invalid: { 'cluster-a': [...BASE], 'cluster-b': [gkeExport('bookinfo', 'reviews')] },
    expect: { kind: 'ServiceExport.net.gke.io', name: 'reviews', path: 'metadata.name', cluster: 'cluster-b' },
  },
  {
    check: mcsImportWithoutExport,
    title: 'net.gke.io ServiceImport with no exporting cluster left (an upstream export elsewhere counts: mixed fleets)',
    valid: { 'cluster-b': [...BASE, sexport('bookinfo', 'reviews')], 'cluster-a': [gkeImport('bookinfo', 'reviews')] },
    invalid: { 'cluster-b': [...BASE], 'cluster-a': [gkeImport('bookinfo', 'reviews')] },
    expect: { kind: 'ServiceImport.net.gke.io', name: 'reviews', path: 'metadata.name', cluster: 'cluster-a' },
  },
  {
    check: mcsExportNoEndpoints,
    title: 'net.gke.io export whose Service has no ready endpoint',
    valid: [...BASE, gkeExport('bookinfo', 'reviews'), slice('bookinfo', 'reviews', true)],
    invalid: [...BASE, gkeExport('bookinfo', 'reviews'), slice('bookinfo', 'reviews', false)],
    expect: { kind: 'ServiceExport.net.gke.io', name: 'reviews', path: 'metadata.name' },
  },
  {
    check: mcsDerivedNoEndpoints,
    title: 'derived gke-mcs Service without ready endpoints',
    valid: [...BASE, gkeImport('bookinfo', 'reviews', DERIVED), ...derived(true)],
    invalid: [...BASE, gkeImport('bookinfo', 'reviews', DERIVED), ...derived(false)],
    expect: { kind: 'ServiceImport.net.gke.io', name: 'reviews', path: 'metadata.annotations' },
  },
  {
    check: mcsDerivedNoEndpoints,
    title: 'derived gke-mcs Service that does not exist',
    valid: [...BASE, gkeImport('bookinfo', 'reviews')],
    invalid: [...BASE, gkeImport('bookinfo', 'reviews', DERIVED)],
    expect: { kind: 'ServiceImport.net.gke.io', name: 'reviews', path: 'metadata.annotations' },
  },
  {
    check: mcsNamespaceMissing,
    title: 'a fleet cluster taking part in MCS without the exported service\'s namespace (net.gke.io)',
    valid: { 'cluster-b': [...BASE, gkeExport('bookinfo', 'reviews')], 'cluster-a': [ns('bookinfo'), gkeImport('bookinfo', 'reviews')] },
    invalid: { 'cluster-b': [...BASE, gkeExport('bookinfo', 'reviews')], 'cluster-a': [ns('shop'), gkeImport('shop', 'cart')] },
    expect: { kind: 'ServiceExport.net.gke.io', name: 'reviews', path: 'metadata.namespace', cluster: 'cluster-b' },
  },
  {
    check: mcsNamespaceMissing,
    title: 'the same with the upstream group; a cluster outside MCS is not asked',
    valid: { 'eu-west': [...BASE, sexport('bookinfo', 'reviews')], 'us-east': [ns('bookinfo'), simport('bookinfo', 'reviews')], 'ap-south': [ns('legacy')] },
    invalid: { 'eu-west': [...BASE, sexport('bookinfo', 'reviews')], 'us-east': [ns('shop'), simport('shop', 'cart')] },
    expect: { kind: 'ServiceExport', name: 'reviews', path: 'metadata.namespace', cluster: 'eu-west' },
  },
  {
    check: nsUnknownRevision,
    title: 'a managed revision the cluster provides (ControlPlaneRevision) vs one it does not',
    valid: [ns('bookinfo', { 'istio.io/rev': 'asm-managed' }), controlPlaneRevision('asm-managed')],
    invalid: [ns('bookinfo', { 'istio.io/rev': 'asm-managed-rapid' }), controlPlaneRevision('asm-managed')],
    expect: { kind: 'Namespace', name: 'bookinfo', path: 'metadata.labels' },
  },
  {
    check: nsUnknownRevision,
    title: 'a revision label where only istiod default runs',
    valid: [ns('bookinfo', { 'istio.io/rev': 'default' }), istiod],
    invalid: [ns('bookinfo', { 'istio.io/rev': 'asm-managed' }), istiod],
    expect: { kind: 'Namespace', name: 'bookinfo', path: 'metadata.labels' },
  },
];
