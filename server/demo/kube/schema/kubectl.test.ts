import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, startTestCluster, type TestCluster } from '../testing';

// The real kubectl 1.32 against the demo API: built-in kinds are decoded and validated like
// kube-apiserver does (unknown fields, wrong types, the kinds' own rules), with its messages.

const INSTALL = fileURLToPath(new URL('./testdata/install.yaml', import.meta.url));

let c: TestCluster;
const k = (...args: string[]) => kubectl(c.kubeconfig, args);

beforeAll(async () => {
  c = await startTestCluster();
  await k('create', 'namespace', 'console');
});
afterAll(async () => {
  await c.close();
});

async function manifest(name: string, text: string): Promise<string> {
  const path = join(c.dir, name);
  await writeFile(path, text);
  return path;
}

/** A Deployment `web` in bookinfo; `spec` lines replace `replicas: 1`, `labels` the template's labels. */
const deployment = (spec = 'replicas: 1', { labels = 'app: web', image = 'nginx:1.27', extra = '' } = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: bookinfo
spec:
  ${spec}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{name: http, containerPort: 8080}]${extra}
`;

const service = (port: number) => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: bookinfo}
spec:
  selector: {app: web}
  ports: [{name: http, port: ${port}, targetPort: http}]
`;

describe('kubectl apply --dry-run=server of an install', () => {
  it('accepts every object of a valid install (SA, RBAC, config, Deployment, Service, PDB, NetworkPolicy, Ingress, ServiceMonitor) and stores none', async () => {
    const r = await k('apply', '--dry-run=server', '-f', INSTALL);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'serviceaccount/console created (server dry run)',
      'clusterrole.rbac.authorization.k8s.io/console-reader created (server dry run)',
      'clusterrolebinding.rbac.authorization.k8s.io/console-reader created (server dry run)',
      'configmap/console-config created (server dry run)',
      'secret/console-secrets created (server dry run)',
      'deployment.apps/console created (server dry run)',
      'service/console created (server dry run)',
      'poddisruptionbudget.policy/console created (server dry run)',
      'networkpolicy.networking.k8s.io/console created (server dry run)',
      'ingress.networking.k8s.io/console created (server dry run)',
      'servicemonitor.monitoring.coreos.com/console created (server dry run)',
    ]);
    expect(c.store.get('apps/v1', 'Deployment', 'console', 'console')).toBeUndefined();
  });

  it('refuses an unknown field with the API server message naming it', async () => {
    const file = await manifest('unknown.yaml', deployment('replica: 2'));
    const r = await k('apply', '--dry-run=server', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"`,
    );
    const deep = await manifest('deep.yaml', deployment('replicas: 1', { extra: '\n        imagePullPolicyy: Always' }));
    expect((await k('apply', '--dry-run=server', '-f', deep)).stderr).toContain('strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolicyy"');
  });

  it('refuses a wrong type with the decoder message naming the field', async () => {
    const file = await manifest('type.yaml', deployment('replicas: "two"'));
    const r = await k('apply', '--dry-run=server', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
    const label = await manifest('label.yaml', deployment('replicas: 1', { labels: 'app: web, version: 1' }));
    expect((await k('apply', '--dry-run=server', '-f', label)).stderr).toContain(
      'json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string',
    );
    const cpu = await manifest('cpu.yaml', deployment('replicas: 1', { extra: '\n        resources: {limits: {cpu: lots}}' }));
    expect((await k('apply', '--dry-run=server', '-f', cpu)).stderr).toContain("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('refuses a Service with a port out of range, and invalid Deployments, with 422 causes', async () => {
    const svc = await manifest('svc.yaml', service(70000));
    const r = await k('apply', '--dry-run=server', '-f', svc);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('The Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    const bad = await manifest('bad.yaml', deployment('replicas: -1', { labels: 'app: other', image: '""' }));
    const d = await k('apply', '--dry-run=server', '-f', bad);
    expect(d.stderr).toContain('The Deployment "web" is invalid: ');
    expect(d.stderr).toContain('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(d.stderr).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
    expect(d.stderr).toContain('spec.template.spec.containers[0].image: Required value');
  });
});

describe('fieldValidation on the other write paths', () => {
  it('drops an unknown field with a warning under --validate=warn, silently under --validate=false', async () => {
    const file = await manifest('warn.yaml', deployment('replica: 2'));
    const warned = await k('apply', '--validate=warn', '-f', file);
    expect(warned.stdout.trim()).toBe('deployment.apps/web created');
    expect(warned.stderr.trim()).toBe('Warning: unknown field "spec.replica"');
    expect(c.store.get('apps/v1', 'Deployment', 'bookinfo', 'web')?.spec).not.toHaveProperty('replica');
    await k('delete', '-f', file);
    const ignored = await k('apply', '--validate=false', '-f', file);
    expect(ignored.stderr).toBe('');
    expect(ignored.stdout.trim()).toBe('deployment.apps/web created');
  });

  it('words a strategic merge patch refusal as the API server (kubectl apply of an existing object)', async () => {
    const file = await manifest('patch.yaml', deployment('replica: 2'));
    const r = await k('apply', '-f', file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('The request is invalid: patch: Invalid value: "map[spec:map[replica:2]]": strict decoding error: unknown field "spec.replica"');
  });

  it('refuses an unknown field in a server-side apply whatever the directive', async () => {
    const file = await manifest('ssa.yaml', deployment('replica: 2'));
    const r = await k('apply', '--server-side', '--validate=false', '-f', file);
    expect(r.stderr.trim()).toBe(
      'Error from server (BadRequest): failed to create typed patch object (bookinfo/web; apps/v1, Kind=Deployment): .spec.replica: field not declared in schema',
    );
  });
});

describe('the new kinds in kubectl', () => {
  it('gets PDBs, NetworkPolicies, Ingresses and ServiceMonitors with the API server columns, by short name', async () => {
    const r = await k('apply', '-f', INSTALL);
    expect(r.stderr).toBe('');
    const pdb = await k('get', 'pdb', '-n', 'console');
    expect(pdb.stdout).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nconsole\s+N\/A\s+1\s+0\s+\d+s\n$/);
    const netpol = await k('get', 'netpol', '-n', 'console');
    expect(netpol.stdout).toMatch(/^NAME\s+POD-SELECTOR\s+AGE\nconsole\s+app\.kubernetes\.io\/name=console\s+\d+s\n$/);
    const ing = await k('get', 'ing', '-n', 'console');
    expect(ing.stdout).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nconsole\s+nginx\s+console\.example\.com\s+80\s+\d+s\n$/);
    const smon = await k('get', 'smon', '-n', 'console', '-o', 'name');
    expect(smon.stdout.trim()).toBe('servicemonitor.monitoring.coreos.com/console');
  });

  it('explains fields from the upstream descriptions', async () => {
    const r = await k('explain', 'deployment.spec.replicas');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('FIELD: replicas <integer>');
    expect(r.stdout).toContain('Number of desired pods.');
    const containers = await k('explain', 'pods.spec.containers');
    expect(containers.stdout).toContain('FIELD: containers <[]Container>');
    expect(containers.stdout).toMatch(/\n {2}name\t<string> -required-\n/);
  });
});
