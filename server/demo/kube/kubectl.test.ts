import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL, kubectl, startTestCluster, vs, type TestCluster } from './testing';

// The real kubectl 1.32 against the demo API server.

let c: TestCluster;
const k = (...args: string[]) => kubectl(c.kubeconfig, args);

beforeAll(async () => {
  c = await startTestCluster();
});
afterAll(async () => {
  await c.close();
});

const ratingsYaml = (weight2: number | undefined, timeout = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: bookinfo
spec:
  hosts: [ratings]
  http:
  - route:
    - destination: {host: ratings, subset: v1}
      weight: ${weight2 === undefined ? 100 : 100 - weight2}
${weight2 === undefined ? '' : `    - destination: {host: ratings, subset: v2}\n      weight: ${weight2}\n`}${timeout ? `    timeout: ${timeout}\n` : ''}`;

async function writeManifest(name: string, text: string): Promise<string> {
  const path = join(c.dir, name);
  await writeFile(path, text);
  return path;
}

describe('kubectl against the demo API', () => {
  it('gets namespaces as a table', async () => {
    const r = await k('get', 'namespaces');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
    expect(r.stdout).toMatch(/\nbookinfo\s+Active\s+\d+s\n/);
    expect(r.stdout).toMatch(/\nkube-system\s+Active/);
  });

  it('lists virtual services of every namespace, by short name too', async () => {
    const r = await k('get', 'virtualservices', '-A');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAMESPACE\s+NAME\s+GATEWAYS\s+HOSTS\s+AGE\n/);
    expect(r.stdout).toMatch(/bookinfo\s+reviews\s+\["reviews"\]/);
    const short = await k('get', 'vs', '-n', 'bookinfo', '-o', 'jsonpath={.items[*].metadata.name}');
    expect(short.stdout).toBe('reviews');
  });

  it('applies a manifest (create), applies it changed (update), and deletes it', async () => {
    const file = await writeManifest('ratings.yaml', ratingsYaml(undefined));
    const created = await k('apply', '-f', file);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('virtualservice.networking.istio.io/ratings created');
    const first = c.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'ratings');
    expect(first?.metadata.generation).toBe(1);

    await writeManifest('ratings.yaml', ratingsYaml(20, '3s'));
    const updated = await k('apply', '-f', file);
    expect(updated.stdout.trim()).toBe('virtualservice.networking.istio.io/ratings configured');
    const second = c.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'ratings');
    expect(second?.metadata.generation).toBe(2);
    expect(second?.metadata.uid).toBe(first?.metadata.uid);
    expect(JSON.stringify(second?.spec)).toContain('"weight":20');

    const again = await k('apply', '-f', file);
    expect(again.stdout.trim()).toBe('virtualservice.networking.istio.io/ratings unchanged');

    const yaml = await k('get', 'vs', 'ratings', '-n', 'bookinfo', '-o', 'yaml');
    expect(yaml.stdout).toContain('kind: VirtualService');
    expect(yaml.stdout).toContain('timeout: 3s');

    const deleted = await k('delete', '-f', file);
    expect(deleted.stdout.trim()).toBe('virtualservice.networking.istio.io "ratings" deleted');
    expect(c.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'ratings')).toBeUndefined();
    const missing = await k('get', 'vs', 'ratings', '-n', 'bookinfo');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('virtualservices.networking.istio.io "ratings" not found');
  });

  it('applies a Deployment with a strategic merge patch that keeps list elements, and scales it', async () => {
    const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ratings-v1, namespace: bookinfo, labels: {app: ratings}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ratings}}
  template:
    metadata: {labels: {app: ratings}}
    spec:
      containers:
      - {name: ratings, image: ${image}, ports: [{containerPort: 9080}]}
`;
    const file = await writeManifest('deploy.yaml', deployment('ratings:1'));
    expect((await k('apply', '-f', file)).stdout).toContain('deployment.apps/ratings-v1 created');
    await writeManifest('deploy.yaml', deployment('ratings:2'));
    expect((await k('apply', '-f', file)).stdout).toContain('deployment.apps/ratings-v1 configured');
    const out = await k('get', 'deploy', 'ratings-v1', '-n', 'bookinfo', '-o', 'json');
    const containers = JSON.parse(out.stdout).spec.template.spec.containers;
    expect(containers).toEqual([{ name: 'ratings', image: 'ratings:2', ports: [{ containerPort: 9080 }] }]);
    expect((await k('scale', 'deploy', 'ratings-v1', '-n', 'bookinfo', '--replicas=3')).stdout.trim()).toBe('deployment.apps/ratings-v1 scaled');
    expect(c.store.get('apps/v1', 'Deployment', 'bookinfo', 'ratings-v1')?.spec).toMatchObject({ replicas: 3 });
  });

  it('apply --dry-run=server answers as if created and stores nothing', async () => {
    const file = await writeManifest('dry.yaml', ratingsYaml(undefined).replace('name: ratings', 'name: dry'));
    const events: string[] = [];
    const off = c.store.onChange((e) => events.push(e.type));
    const r = await k('apply', '--dry-run=server', '-f', file);
    off();
    expect(r.stdout.trim()).toBe('virtualservice.networking.istio.io/dry created (server dry run)');
    expect(c.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'dry')).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('refuses an apply with the viewer token (403 Forbidden)', async () => {
    const file = await writeManifest('viewer.yaml', ratingsYaml(undefined).replace('name: ratings', 'name: by-viewer'));
    const r = await kubectl(c.kubeconfig, ['--context', 'viewer', 'apply', '-f', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Forbidden');
    expect(r.stderr).toContain('User "demo-viewer" cannot create resource "virtualservices"');
    const read = await kubectl(c.kubeconfig, ['--context', 'viewer', 'get', 'vs', '-n', 'bookinfo']);
    expect(read.code).toBe(0);
  });

  it('refuses an invalid VirtualService (weights summing to 90) with 422 naming the field', async () => {
    const file = await writeManifest('bad.yaml', ratingsYaml(40).replace('weight: 60', 'weight: 50'));
    const r = await k('apply', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The VirtualService "ratings" is invalid');
    expect(r.stderr).toContain('spec.http[0].route');
    const raw = await k('create', '-f', file, '-v=6');
    expect(raw.stderr).toMatch(/POST https:\/\/127\.0\.0\.1:\d+\/apis\/networking\.istio\.io\/v1\/namespaces\/bookinfo\/virtualservices\?\S* 422/);
  });

  it('creates namespaces, config maps and secrets with kubectl create (protobuf bodies)', async () => {
    expect((await k('create', 'namespace', 'shop')).stdout.trim()).toBe('namespace/shop created');
    expect((await k('create', 'configmap', 'cfg', '-n', 'shop', '--from-literal=a=b')).stdout.trim()).toBe('configmap/cfg created');
    expect((await k('create', 'secret', 'generic', 's1', '-n', 'shop', '--from-literal=pw=x')).stdout.trim()).toBe('secret/s1 created');
    expect(c.store.get('v1', 'ConfigMap', 'shop', 'cfg')).toMatchObject({ data: { a: 'b' }, metadata: { name: 'cfg', namespace: 'shop' } });
    expect(c.store.get('v1', 'Secret', 'shop', 's1')?.data).toEqual({ pw: 'eA==' });
    expect(c.store.get('v1', 'Namespace', undefined, 'shop')?.metadata).not.toHaveProperty('generateName');
    const refused = await k('create', 'deployment', 'web', '--image=nginx');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('kubectl apply -f');
    expect((await k('delete', 'namespace', 'shop')).stdout.trim()).toBe('namespace "shop" deleted');
    expect(c.store.list('v1', 'ConfigMap', 'shop')).toEqual([]);
  });

  it('get -w prints a change made meanwhile', async () => {
    const child = spawn(KUBECTL, ['--kubeconfig', c.kubeconfig, '--cache-dir', join(c.dir, 'cache'), 'get', 'vs', '-n', 'bookinfo', '-w'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 100 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
      return re.test(out);
    };
    try {
      expect(await waitFor(/reviews/)).toBe(true);
      c.store.create(vs('watched', 'bookinfo'));
      expect(await waitFor(/\nwatched\s+\["watched"\]/)).toBe(true);
    } finally {
      child.kill();
    }
  });
});
