import { describe, expect, it } from 'vitest';
import { namespaceInjection, podInjection, sidecarInjected } from './injection';

describe('namespace injection state', () => {
  it('reads istio-injection, istio.io/rev and the ambient data-plane mode', () => {
    expect(namespaceInjection({ 'istio-injection': 'enabled' })).toBe('sidecar');
    expect(namespaceInjection({ 'istio.io/rev': 'canary' })).toBe('sidecar');
    expect(namespaceInjection({ 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })).toBe('sidecar');
    expect(namespaceInjection({ 'istio-injection': 'disabled', 'istio.io/rev': 'canary' })).toBe('disabled');
    expect(namespaceInjection({ 'istio.io/dataplane-mode': 'ambient' })).toBe('ambient');
    expect(namespaceInjection({ 'istio-injection': 'disabled' })).toBe('disabled');
    expect(namespaceInjection({})).toBe('unlabeled');
    expect(namespaceInjection(undefined)).toBe('unlabeled');
  });
});

describe('pod injection', () => {
  it("reads the pod's label before its annotation, with the injector's boolean words", () => {
    expect(podInjection({ labels: { 'sidecar.istio.io/inject': 'false' } })).toBe(false);
    expect(podInjection({ labels: { 'sidecar.istio.io/inject': 'True' } })).toBe(true);
    expect(podInjection({ annotations: { 'sidecar.istio.io/inject': 'yes' } })).toBe(true);
    expect(podInjection({ labels: { 'sidecar.istio.io/inject': 'false' }, annotations: { 'sidecar.istio.io/inject': 'true' } })).toBe(false);
    expect(podInjection({ labels: { 'sidecar.istio.io/inject': '' } })).toBeUndefined();
    expect(podInjection({})).toBeUndefined();
  });

  it('injects in an injecting namespace unless the pod opts out', () => {
    expect(sidecarInjected({ 'istio-injection': 'enabled' }, {})).toBe(true);
    expect(sidecarInjected({ 'istio.io/rev': 'canary' }, undefined)).toBe(true);
    expect(sidecarInjected({ 'istio-injection': 'enabled' }, { labels: { 'sidecar.istio.io/inject': 'false' } })).toBe(false);
    expect(sidecarInjected({ 'istio-injection': 'enabled' }, { annotations: { 'sidecar.istio.io/inject': 'false' } })).toBe(false);
  });

  it('never injects in a namespace with istio-injection=disabled, even a pod that asks', () => {
    expect(sidecarInjected({ 'istio-injection': 'disabled' }, { labels: { 'sidecar.istio.io/inject': 'true' } })).toBe(false);
    expect(sidecarInjected({ 'istio-injection': 'disabled', 'istio.io/rev': 'canary' }, {})).toBe(false);
  });

  it('in an unlabeled namespace, injects only a pod that asks by label', () => {
    expect(sidecarInjected({}, {})).toBe(false);
    expect(sidecarInjected({}, { labels: { 'sidecar.istio.io/inject': 'true' } })).toBe(true);
    expect(sidecarInjected({}, { annotations: { 'sidecar.istio.io/inject': 'true' } })).toBe(false);
    expect(sidecarInjected({ 'istio.io/dataplane-mode': 'ambient' }, { labels: { 'sidecar.istio.io/inject': 'true' } })).toBe(true);
  });
});
