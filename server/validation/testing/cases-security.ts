// Table cases of the mTLS, AuthorizationPolicy and Sidecar checks. Test-only.
import { authzNamespace } from '../checks/authz-namespace';
import { authzNoWorkloads } from '../checks/authz-no-workloads';
import { authzServiceAccount } from '../checks/authz-service-account';
import { mtlsDisabledMutual } from '../checks/mtls-disabled-mutual';
import { mtlsStrictNoSidecar } from '../checks/mtls-strict-no-sidecar';
import { mtlsStrictPlaintext } from '../checks/mtls-strict-plaintext';
import { sidecarAmbient } from '../checks/sidecar-ambient';
import { sidecarConflictingSelectors } from '../checks/sidecar-conflicting-selectors';
import { sidecarMultipleDefaults } from '../checks/sidecar-default-selector';
import { sidecarSelectorNotFound } from '../checks/sidecar-selector';
import type { CheckCase } from './cases';
import { ap, BASE, dr, ns, pa, pod, sidecar } from './objects';

const mode = (m: string) => ({ mtls: { mode: m } });
const tls = (m: string) => dr('bookinfo', 'reviews', { host: 'reviews', trafficPolicy: { tls: { mode: m } } });
const from = (source: object) => ({ rules: [{ from: [{ source }] }] });
const ambientNs = ns('amb', { 'istio.io/dataplane-mode': 'ambient' });
const ambientPod = pod('amb', 'a-1', { app: 'a' }, { proxy: false, annotations: { 'ambient.istio.io/redirection': 'enabled' } });

export const SECURITY_CASES: CheckCase[] = [
  {
    check: mtlsStrictPlaintext,
    title: 'DestinationRule DISABLE to a STRICT namespace',
    valid: [...BASE, pa('bookinfo', 'default', mode('STRICT')), tls('ISTIO_MUTUAL')],
    invalid: [...BASE, pa('bookinfo', 'default', mode('STRICT')), tls('DISABLE')],
    expect: { kind: 'DestinationRule', name: 'reviews', path: 'spec.trafficPolicy.tls.mode' },
  },
  {
    check: mtlsDisabledMutual,
    title: 'ISTIO_MUTUAL to workloads whose mTLS is disabled',
    valid: [...BASE, pa('bookinfo', 'default', mode('PERMISSIVE')), tls('ISTIO_MUTUAL')],
    invalid: [...BASE, pa('istio-system', 'default', mode('DISABLE')), tls('ISTIO_MUTUAL')],
    expect: { kind: 'DestinationRule', name: 'reviews', path: 'spec.trafficPolicy.tls.mode' },
  },
  {
    check: mtlsStrictNoSidecar,
    title: 'STRICT on a namespace whose pods run no sidecar',
    valid: [...BASE, pa('bookinfo', 'default', mode('STRICT'))],
    invalid: [ns('plain', {}), pod('plain', 'p-1', { app: 'p' }, { proxy: false }), pa('plain', 'default', mode('STRICT'))],
    expect: { kind: 'PeerAuthentication', name: 'default', path: 'spec.mtls.mode' },
  },
  {
    check: mtlsStrictNoSidecar,
    title: 'STRICT on pods of a namespace without injection: a native sidecar enforces it, no proxy does not',
    valid: [ns('plain', {}), pod('plain', 'p-1', { app: 'p' }, { proxy: 'native' }), pa('plain', 'default', mode('STRICT'))],
    invalid: [ns('plain', {}), pod('plain', 'p-1', { app: 'p' }, { proxy: 'native' }), pod('plain', 'p-2', { app: 'p' }, { proxy: false }), pa('plain', 'default', mode('STRICT'))],
    expect: { kind: 'PeerAuthentication', name: 'default', path: 'spec.mtls.mode' },
  },
  {
    check: authzNoWorkloads,
    title: 'selector matching no mesh pod',
    valid: [...BASE, ap('bookinfo', 'allow', { selector: { matchLabels: { app: 'reviews' } } })],
    invalid: [...BASE, ap('bookinfo', 'allow', { selector: { matchLabels: { app: 'ratings' } } })],
    expect: { kind: 'AuthorizationPolicy', name: 'allow', path: 'spec.selector' },
  },
  {
    check: authzNamespace,
    title: 'source namespace that exists in no cluster',
    valid: { 'us-east': [...BASE, ap('bookinfo', 'allow', from({ namespaces: ['legacy', 'book*'] }))], 'ap-south': [ns('legacy', {})] },
    invalid: [...BASE, ap('bookinfo', 'allow', from({ namespaces: ['bookinfo', 'legacy'] }))],
    expect: { kind: 'AuthorizationPolicy', name: 'allow', path: 'spec.rules[0].from[0].source.namespaces[1]' },
  },
  {
    check: authzServiceAccount,
    title: 'principal of a service account no workload uses',
    valid: [...BASE, ap('bookinfo', 'allow', from({ principals: ['cluster.local/ns/bookinfo/sa/bookinfo-reviews', 'cluster.local/ns/x/sa/*'] }))],
    invalid: [...BASE, ap('bookinfo', 'allow', from({ principals: ['cluster.local/ns/bookinfo/sa/bookinfo-ratings'] }))],
    expect: { kind: 'AuthorizationPolicy', name: 'allow', path: 'spec.rules[0].from[0].source.principals[0]' },
  },
  {
    check: sidecarSelectorNotFound,
    title: 'workloadSelector matching no pod',
    valid: [...BASE, sidecar('bookinfo', 's', { workloadSelector: { labels: { app: 'reviews' } } })],
    invalid: [...BASE, sidecar('bookinfo', 's', { workloadSelector: { labels: { app: 'ratings' } } })],
    expect: { kind: 'Sidecar', name: 's', path: 'spec.workloadSelector.labels' },
  },
  {
    check: sidecarConflictingSelectors,
    title: 'two Sidecars selecting the same pod',
    valid: [...BASE, sidecar('bookinfo', 'a', { workloadSelector: { labels: { app: 'reviews' } } }), sidecar('bookinfo', 'b', { workloadSelector: { labels: { app: 'ratings' } } })],
    invalid: [...BASE, sidecar('bookinfo', 'a', { workloadSelector: { labels: { app: 'reviews' } } }), sidecar('bookinfo', 'b', { workloadSelector: { labels: { version: 'v1' } } })],
    expect: { kind: 'Sidecar', name: 'a', path: 'spec.workloadSelector' },
  },
  {
    check: sidecarMultipleDefaults,
    title: 'two Sidecars without selector in one namespace',
    valid: [...BASE, sidecar('bookinfo', 'a'), sidecar('bookinfo', 'b', { workloadSelector: { labels: { app: 'reviews' } } })],
    invalid: [...BASE, sidecar('bookinfo', 'a'), sidecar('bookinfo', 'b')],
    expect: { kind: 'Sidecar', name: 'a', path: 'spec' },
  },
  {
    check: sidecarAmbient,
    title: 'Sidecar in an ambient namespace',
    valid: [...BASE, sidecar('bookinfo', 's')],
    invalid: [ambientNs, ambientPod, sidecar('amb', 's')],
    expect: { kind: 'Sidecar', name: 's' },
  },
];
