import 'server-only';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { seedDemoGrants } from '../idp/grants';
import type { DemoClusterName, KubeObject } from '../types';
import { createKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from './server';
import { type ClusterStore, createClusterStore } from './store';

// Helpers for the protocol tests: a server on an ephemeral port over a small seeded store, a
// kubeconfig for it (editor and viewer contexts), and the real kubectl.

export const KUBECTL = '/usr/bin/kubectl';

export interface TestCluster {
  store: ClusterStore;
  server: KubeApiServer;
  dir: string;
  kubeconfig: string;
  close(): Promise<void>;
}

export const vs = (name: string, namespace: string, weights: number[] = [100]): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec: {
    hosts: [name],
    http: [{ route: weights.map((weight, i) => ({ destination: { host: name, subset: `v${i + 1}` }, weight })) }],
  },
});

export function kubeconfigYaml(httpsUrl: string, httpUrl: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: demo
  cluster:
    server: ${httpsUrl}
    insecure-skip-tls-verify: true
- name: demo-http
  cluster:
    server: ${httpUrl}
    insecure-skip-tls-verify: true
users:
- name: editor
  user:
    token: demo-editor
- name: viewer
  user:
    token: demo-viewer
contexts:
- name: editor
  context: {cluster: demo, user: editor}
- name: viewer
  context: {cluster: demo, user: viewer}
- name: editor-http
  context: {cluster: demo-http, user: editor}
current-context: editor
`;
}

/** A store with bookinfo (VirtualService reviews) and mcs-demo, and the demo users' RBAC grants of `cluster`. */
export function storeWithDemoGrants(cluster: DemoClusterName): ClusterStore {
  const store = createClusterStore(cluster);
  for (const name of ['bookinfo', 'mcs-demo']) store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  store.create(vs('reviews', 'bookinfo', [50, 50]));
  seedDemoGrants(store);
  return store;
}

export async function startTestCluster(options: Partial<KubeApiServerOptions> = {}): Promise<TestCluster> {
  const store = options.store ?? createClusterStore('us-east');
  if (!store.get('v1', 'Namespace', undefined, 'bookinfo')) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bookinfo' } });
    store.create(vs('reviews', 'bookinfo', [50, 50]));
  }
  const server = createKubeApiServer({ cluster: store.cluster, port: 0, ...options, store });
  await server.start();
  const dir = await mkdtemp(join(tmpdir(), 'demo-kube-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigYaml(server.httpsUrl, server.url));
  return {
    store,
    server,
    dir,
    kubeconfig,
    close: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real kubectl; a missing binary is a loud failure, never a skip. */
export function kubectl(kubeconfig: string, args: string[], timeoutMs = 15_000): Promise<KubectlResult> {
  if (!existsSync(KUBECTL)) {
    throw new Error(`kubectl is missing at ${KUBECTL}: these protocol tests need the real kubectl 1.32`);
  }
  return new Promise((resolve) => {
    const cacheDir = join(dirname(kubeconfig), 'cache');
    execFile(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
