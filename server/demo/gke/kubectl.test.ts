import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterStore } from '../kube';
import { serveFlavor } from '../kube/resources';
import { kubectl, startTestCluster, type TestCluster } from '../kube/testing';
import { createMcsController, derivedNameOf, seedGkeCluster } from './index';

// The real kubectl 1.32 against a gke-flavour cluster: it serves GKE's MCS API (net.gke.io) and
// Cloud Service Mesh's ControlPlaneRevision, and not the upstream MCS group.

let c: TestCluster;
const k = (...args: string[]) => kubectl(c.kubeconfig, args);

beforeAll(async () => {
  serveFlavor('gke');
  const store = createClusterStore('cluster-b');
  for (const obj of seedGkeCluster('cluster-b')) store.create(obj, { keepIdentity: true });
  createMcsController({ stores: { 'cluster-b': store } }).reconcile();
  c = await startTestCluster({ store });
});
afterAll(async () => {
  await c?.close();
});

describe('kubectl on a GKE fleet cluster', () => {
  it('lists serviceexports.net.gke.io and serviceimports.net.gke.io', async () => {
    const exports = await k('get', 'serviceexports.net.gke.io', '-A');
    expect(exports.stderr).toBe('');
    expect(exports.stdout).toMatch(/^NAMESPACE\s+NAME\s+AGE\n/);
    expect(exports.stdout).toMatch(/\nmcs-demo\s+hello-master-engine\s+/);
    const imports = await k('get', 'serviceimports.net.gke.io', '-n', 'mcs-demo');
    expect(imports.code).toBe(0);
    expect(imports.stdout).toMatch(/^NAME\s+TYPE\s+IP\s+AGE\n/);
    expect(imports.stdout).toMatch(/\nhello-master-engine\s+ClusterSetIP\s+\["10\./);
    const annotation = await k('get', 'serviceimports.net.gke.io', 'hello-master-engine', '-n', 'mcs-demo', '-o', "jsonpath={.metadata.annotations.net\\.gke\\.io/derived-service}");
    expect(annotation.stdout).toBe(derivedNameOf('mcs-demo', 'hello-master-engine'));
  });

  it('serves GKE groups and not the upstream MCS group; reads the ControlPlaneRevision', async () => {
    const groups = await k('api-resources', '--api-group=net.gke.io', '-o', 'name');
    expect(groups.stdout.split('\n').filter(Boolean).sort()).toEqual(['serviceexports.net.gke.io', 'serviceimports.net.gke.io']);
    const upstream = await k('get', 'serviceexports.multicluster.x-k8s.io', '-A');
    expect(upstream.code).not.toBe(0);
    expect(upstream.stderr).toContain("the server doesn't have a resource type");
    const cpr = await k('get', 'controlplanerevisions', '-n', 'istio-system');
    expect(cpr.stdout).toMatch(/\nasm-managed\s+managed_service\s+regular\s+/);
  });

  it('creates and deletes a net.gke.io ServiceExport', async () => {
    const file = join(c.dir, 'export.yaml');
    await writeFile(file, 'apiVersion: net.gke.io/v1\nkind: ServiceExport\nmetadata:\n  name: hello-app-engine\n  namespace: mcs-demo\n');
    const created = await k('apply', '-f', file);
    expect(created.stdout.trim()).toBe('serviceexport.net.gke.io/hello-app-engine created');
    const deleted = await k('delete', 'serviceexports.net.gke.io', 'hello-app-engine', '-n', 'mcs-demo');
    expect(deleted.stdout.trim()).toBe('serviceexport.net.gke.io "hello-app-engine" deleted');
  });
});
