import { describe, expect, it } from 'vitest';
import { dataPlaneOf, hasProxy, isAmbientPod, proxyContainer } from './proxy';

const pod = (spec: unknown, annotations?: Record<string, string>) => ({ metadata: { name: 'p', annotations }, spec });

describe('proxy detection', () => {
  it('finds the classic sidecar among the containers', () => {
    const p = pod({ containers: [{ name: 'app' }, { name: 'istio-proxy', image: 'proxyv2:1.24.0' }] });
    expect(dataPlaneOf(p)).toBe('sidecar');
    expect(hasProxy(p)).toBe(true);
    expect(proxyContainer(p)?.container.image).toBe('proxyv2:1.24.0');
  });

  it('finds a native sidecar: an istio-proxy init container that keeps running (restartPolicy Always)', () => {
    const p = pod({ initContainers: [{ name: 'istio-init' }, { name: 'istio-proxy', restartPolicy: 'Always' }], containers: [{ name: 'app' }] });
    expect(dataPlaneOf(p)).toBe('native-sidecar');
    expect(hasProxy(p)).toBe(true);
    expect(proxyContainer(p)?.native).toBe(true);
  });

  it('does not count an istio-proxy init container that runs to completion, nor a pod without one', () => {
    expect(dataPlaneOf(pod({ initContainers: [{ name: 'istio-proxy' }], containers: [{ name: 'app' }] }))).toBe('none');
    expect(dataPlaneOf(pod({ containers: [{ name: 'app' }] }))).toBe('none');
    expect(hasProxy(pod(undefined))).toBe(false);
    expect(hasProxy(pod({ containers: 'istio-proxy' }))).toBe(false);
  });

  it("tells an ambient-captured pod by the CNI's annotation", () => {
    expect(isAmbientPod(pod({}, { 'ambient.istio.io/redirection': 'enabled' }))).toBe(true);
    expect(isAmbientPod(pod({}, { 'ambient.istio.io/redirection': 'disabled' }))).toBe(false);
    expect(isAmbientPod(pod({}))).toBe(false);
  });
});
