import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { INVENTORY_KINDS } from '@/lib/inventory/types';
import { WRITABLE_KIND_LIST } from '@/lib/istio/kinds';
import { parseConfigText } from '@/server/config/load';

// The manifests as `kubectl kustomize` renders them (the real kubectl, /usr/bin/kubectl), checked
// against the code they serve: the kinds the console caches, the kinds its editors write, its
// configuration schema, its probes and its security settings.

const ROOT = join(import.meta.dirname);
const OVERLAYS = ['read-only', 'editor', 'openid', 'header'] as const;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: any };

function render(dir: string): Obj[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', join(ROOT, dir)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { code?: string; stderr?: string };
    if (err.code === 'ENOENT') throw new Error('kubectl is not installed (/usr/bin/kubectl); run scripts/ensure-tools.sh');
    throw new Error(`kubectl kustomize ${dir} failed: ${err.stderr}`);
  }
  return parseAllDocuments(out).map((d) => d.toJS() as Obj);
}

const rendered = Object.fromEntries(OVERLAYS.map((o) => [o, render(`overlays/${o}`)])) as Record<(typeof OVERLAYS)[number], Obj[]>;
const one = (objs: Obj[], kind: string, name?: string): Obj => {
  const found = objs.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0] as Obj;
};

/** "group/resource" -> sorted verbs, over every rule of a ClusterRole. */
function grants(role: Obj): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const rule of role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]) {
    for (const g of rule.apiGroups) for (const r of rule.resources) m.set(`${g}/${r}`, [...new Set([...(m.get(`${g}/${r}`) ?? []), ...rule.verbs])].sort());
  }
  return m;
}

const boundTo = (objs: Obj[], role: string) =>
  objs.filter((o) => o.kind === 'ClusterRoleBinding' && o.roleRef.name === role).flatMap((b) => (b.subjects as { kind: string; name: string }[]).map((s) => `${s.kind}/${s.name}`));

const meridianYaml = (objs: Obj[]) => {
  const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('meridian-config'));
  return parseConfigText(cm?.data['meridian.yaml'], 'meridian.yaml');
};

describe('deploy/kubernetes', () => {
  it('the reader ClusterRole grants get, list and watch on exactly the kinds the console caches', () => {
    const expected = new Map(Object.values(INVENTORY_KINDS).map((k) => [`${k.group}/${k.plural}`, ['get', 'list', 'watch']]));
    for (const o of OVERLAYS) {
      expect(grants(one(rendered[o], 'ClusterRole', 'meridian-reader'))).toEqual(expected);
      expect(boundTo(rendered[o], 'meridian-reader')).toEqual(['ServiceAccount/meridian']);
    }
  });

  it('the Istio editor ClusterRole covers the kinds the editors write, and only the editor overlay binds it to the ServiceAccount', () => {
    const expected = new Map(WRITABLE_KIND_LIST.map((k) => [`${k.group}/${k.plural}`, ['create', 'delete', 'get', 'update']]));
    expected.set('/events', ['create', 'list']);
    for (const o of OVERLAYS) expect(grants(one(rendered[o], 'ClusterRole', 'meridian-istio-editor'))).toEqual(expected);
    expect(boundTo(rendered.editor, 'meridian-istio-editor')).toEqual(['ServiceAccount/meridian']);
    expect(boundTo(rendered['read-only'], 'meridian-istio-editor')).toEqual([]);
    expect(boundTo(rendered.header, 'meridian-istio-editor')).toEqual([]);
    // openid: people of a group edit with their own token; the ServiceAccount does not.
    expect(boundTo(rendered.openid, 'meridian-istio-editor')).toEqual(['Group/oidc:meridian-editors']);
  });

  it('only the header overlay may impersonate, and only users and groups', () => {
    const impersonating = (objs: Obj[]) => objs.filter((o) => o.kind === 'ClusterRole' && [...grants(o).values()].some((v) => v.includes('impersonate')));
    for (const o of ['read-only', 'editor', 'openid'] as const) expect(impersonating(rendered[o])).toEqual([]);
    const role = one(rendered.header, 'ClusterRole', 'meridian-impersonator');
    expect(grants(role)).toEqual(new Map([['/users', ['impersonate']], ['/groups', ['impersonate']]]));
    expect(boundTo(rendered.header, 'meridian-impersonator')).toEqual(['ServiceAccount/meridian']);
  });

  it("each overlay's meridian.yaml is a valid configuration with its auth strategy and mode", () => {
    const modes = OVERLAYS.map((o) => {
      const cfg = meridianYaml(rendered[o]);
      return [o, cfg.auth.strategy, cfg.readOnly];
    });
    expect(modes).toEqual([
      ['read-only', 'anonymous', true],
      ['editor', 'anonymous', false],
      ['openid', 'token', false],
      ['header', 'header', false],
    ]);
    expect(meridianYaml(rendered.header).auth.header).toBe('X-Forwarded-User');
  });

  it('the Deployment runs non-root on a read-only root, with probes, resources, the ConfigMap and the Secret', () => {
    for (const o of OVERLAYS) {
      const objs = rendered[o];
      const dep = one(objs, 'Deployment', 'meridian');
      const pod = dep.spec.template.spec;
      const c = pod.containers[0];
      expect(pod.serviceAccountName).toBe('meridian');
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(c.readinessProbe.httpGet).toMatchObject({ path: '/api/readyz', port: 'http' });
      expect(c.livenessProbe.httpGet).toMatchObject({ path: '/api/healthz', port: 'http' });
      expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(c.resources.limits.memory).toEqual(expect.any(String));
      const env = Object.fromEntries((c.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
      expect(env).toMatchObject({ HOSTNAME: '0.0.0.0', PORT: '3000' });
      // Every file the server is told to read is mounted; the config from the (hashed) ConfigMap,
      // the session secret from the Secret.
      const volumes = Object.fromEntries((pod.volumes as { name: string }[]).map((v) => [v.name, v as Record<string, any>]));
      const mountOf = (path: string) => {
        const m = (c.volumeMounts as { name: string; mountPath: string }[]).find((v) => path.startsWith(`${v.mountPath}/`));
        return m && volumes[m.name];
      };
      const configMap = objs.find((x) => x.kind === 'ConfigMap' && x.metadata.name.startsWith('meridian-config-'));
      expect(mountOf(env.MERIDIAN_CONFIG as string)?.configMap.name).toBe(configMap?.metadata.name);
      expect(mountOf(env.MERIDIAN_SESSION_SECRET_FILE as string)?.secret.secretName).toBe('meridian-secrets');
      expect(mountOf(env.KUBECONFIG as string)?.configMap.name).toMatch(/^meridian-kubeconfig-/);
      // The only writable paths: emptyDirs on /tmp and Next's cache.
      const writable = (c.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[]).filter((m) => !m.readOnly);
      expect(writable.map((m) => [m.mountPath, !!volumes[m.name]?.emptyDir])).toEqual([
        ['/tmp', true],
        ['/app/.next/cache', true],
      ]);
      // Room for the preStop pause and the drain before the kubelet kills the pod.
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(c.lifecycle.preStop.sleep.seconds + Number(env.MERIDIAN_SHUTDOWN_DRAIN_SECONDS) + 2);
      expect(dep.spec.replicas).toBeGreaterThan(1);
      const svc = one(objs, 'Service', 'meridian');
      expect(svc.spec.selector).toEqual(dep.spec.selector.matchLabels);
      expect(one(objs, 'PodDisruptionBudget', 'meridian').spec.selector.matchLabels).toEqual(dep.spec.selector.matchLabels);
      expect(one(objs, 'NetworkPolicy', 'meridian').spec.podSelector.matchLabels).toEqual(dep.spec.selector.matchLabels);
      expect(objs.filter((x) => x.metadata.namespace !== undefined).every((x) => x.metadata.namespace === 'meridian')).toBe(true);
    }
  });

  it('the header overlay admits only the proxy (and Prometheus) to the console', () => {
    const np = one(rendered.header, 'NetworkPolicy', 'meridian');
    expect(np.spec.ingress).toHaveLength(1);
    expect(np.spec.ingress[0].from).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'meridian-auth-proxy' } } },
      { namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } },
    ]);
    // Elsewhere the port is open to every source.
    expect(one(rendered['read-only'], 'NetworkPolicy', 'meridian').spec.ingress).toEqual([{ ports: [{ port: 'http', protocol: 'TCP' }] }]);
  });

  it("the local kubeconfig reaches the API server as the pod's ServiceAccount, re-reading its token file", () => {
    const cm = rendered['read-only'].find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('meridian-kubeconfig-'));
    const file = join(mkdtempSync(join(tmpdir(), 'meridian-kubeconfig-')), 'config');
    writeFileSync(file, cm?.data.config);
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    expect(kc.getContexts().map((c) => c.name)).toEqual(['local']);
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://kubernetes.default.svc', caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' });
    expect(kc.getCurrentUser()?.authProvider).toEqual({ name: 'tokenFile', config: { tokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' } });
  });

  it('the monitoring kustomization renders a ServiceMonitor for the Service and the dashboard ConfigMap', () => {
    const objs = render('monitoring');
    const sm = one(objs, 'ServiceMonitor', 'meridian');
    const svc = one(rendered['read-only'], 'Service', 'meridian');
    for (const [k, v] of Object.entries(sm.spec.selector.matchLabels as Record<string, string>)) expect(svc.metadata.labels?.[k]).toBe(v);
    expect(sm.spec.endpoints).toEqual([expect.objectContaining({ port: svc.spec.ports[0].name, path: '/metrics' })]);
    const dash = one(objs, 'ConfigMap', 'meridian-dashboard');
    expect(dash.metadata.labels?.grafana_dashboard).toBe('1');
    expect(JSON.parse(dash.data['meridian-dashboard.json'])).toEqual(JSON.parse(readFileSync(join(ROOT, 'monitoring', 'meridian-dashboard.json'), 'utf8')));
  });
});
