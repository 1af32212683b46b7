import { expect, test, type Page } from '@playwright/test';
import type { Graph } from '@/lib/graph/types';
import type { MeshResponse } from '@/lib/mesh';
import { eventually, kubectl, stack } from '../support/stack';

// The reference architecture (the demo's gke flavour): a GKE fleet cluster-a + cluster-b with GKE's
// multi-cluster services (net.gke.io) and a Cloud Service Mesh managed control plane. hello-app-engine
// (cluster-a) calls hello-master-engine.mcs-demo.svc.clusterset.local, served by cluster-b, which
// exports it; Envoy reports the call by GKE's derived Service gke-mcs-<hash>.

const CALLER = 'app:cluster-a:mcs-demo:hello-app-engine:v1';
const SERVICE = 'svc:cluster-b:mcs-demo:hello-master-engine';

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${stack().consoleUrl}${path}`);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function drawn(page: Page): Promise<{ nodes: string[]; edges: { id: string; classes: string[] }[] }> {
  return page.evaluate(() => {
    type El = { id(): string; classes(): string[] };
    type Coll = { map<T>(f: (e: El) => T): T[] };
    const cy = (window as unknown as { __meridianGraph?: { cy(): { nodes(s: string): Coll; edges(): Coll } | undefined } }).__meridianGraph?.cy();
    if (!cy) return { nodes: [], edges: [] };
    return { nodes: cy.nodes('.leaf').map((n) => n.id()), edges: cy.edges().map((e) => ({ id: e.id(), classes: e.classes() })) };
  });
}

test('the graph draws hello-app-engine (cluster-a) -> hello-master-engine (cluster-b) across clusters with mTLS and the caller latency, and no gke-mcs node', async ({ page }) => {
  const edgeId = `${CALLER}->${SERVICE}:http`;
  // The server's graph: the derived Service folded into the clusterset service, the caller's view of the hop.
  const edge = await eventually(
    'the cross-cluster edge with latency in /api/graph',
    async () => {
      const g = await api<Graph>('/api/graph?clusters=cluster-a,cluster-b&duration=5m&graphType=versionedApp');
      const e = g.edges.find((x) => x.id === edgeId);
      return e && e.latencyMs?.p95 !== undefined && e.rps > 0 ? { e, g } : undefined;
    },
    90_000,
    2000,
  );
  expect(edge.e).toMatchObject({ crossCluster: true, mtls: true });
  expect(edge.e.mtlsShare).toBeGreaterThanOrEqual(0.99);
  expect(edge.g.nodes.filter((n) => n.name.startsWith('gke-mcs-'))).toEqual([]);
  expect(edge.g.nodes.find((n) => n.id === SERVICE)).toMatchObject({ clusterSetHost: 'hello-master-engine.mcs-demo.svc.clusterset.local', badges: { exported: true } });

  // What the page draws.
  await page.goto('/graph?clusters=cluster-a,cluster-b&refresh=10s');
  await expect.poll(async () => (await drawn(page)).edges.find((e) => e.id === edgeId)?.classes ?? [], { timeout: 60_000, intervals: [1000, 2000] }).toEqual(expect.arrayContaining(['cross-cluster', 'mtls']));
  const d = await drawn(page);
  expect(d.nodes).toContain(SERVICE);
  expect(d.nodes.filter((id) => id.includes('gke-mcs-'))).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/gke-graph.png' });
});

test('the mesh page shows both clusters with a managed control plane (revision, channel, conditions) and the MCS row exported by cluster-b, imported by both', async ({ page }) => {
  await page.goto('/mesh');
  await expect(page.getByTestId('control-plane')).toContainText('managed');
  for (const c of ['cluster-a', 'cluster-b']) {
    const card = page.getByTestId(`cluster-card-${c}`);
    await expect(card).toContainText('reachable');
    const cp = card.getByTestId('managed-control-plane');
    await expect(cp).toContainText('managed control plane');
    await expect(cp).toContainText('asm-managed');
    await expect(cp).toContainText('channel regular');
    await expect(cp).toContainText('Reconciled: True');
    await expect(cp).toContainText('Stalled: False');
    // istiod's debug endpoints do not exist here: explained, not an error.
    await expect(card.getByTestId('managed-note')).toContainText('not exposed');
    await expect(card).not.toContainText('unreachable');
  }
  await page.screenshot({ path: 'test-results/screenshots/gke-mesh-clusters.png', fullPage: true });

  await page.getByRole('tab', { name: /Multi-cluster services/ }).click();
  const row = page.getByTestId('mcs-row-mcs-demo-hello-master-engine');
  await expect(row.locator('td[data-label="Exported from"]')).toHaveText('cluster-b');
  await expect(row.locator('td[data-label="Imported into"]')).toHaveText('cluster-a, cluster-b');
  await expect(row.locator('td[data-label="cluster-a"]')).toContainText('net.gke.io');
  await expect(row.getByTestId('mcs-derived-cluster-a')).toContainText(/via gke-mcs-\w+: 2 from cluster-b/);
  expect(await page.getByTestId('mcs-table').locator('tr[data-testid^="mcs-row-mcs-demo-gke-mcs"]').count()).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/gke-mesh-mcs.png', fullPage: true });

  // The services list: the derived Service is a detail of the import, never a row.
  const services = await api<{ items: { name: string; cluster: string; derivedService?: string; endpoints: number }[] }>('/api/services?clusters=cluster-a,cluster-b&namespaces=mcs-demo');
  expect(services.items.filter((s) => s.name.startsWith('gke-mcs-'))).toEqual([]);
  expect(services.items.find((s) => s.cluster === 'cluster-a' && s.name === 'hello-master-engine')).toMatchObject({ derivedService: expect.stringMatching(/^gke-mcs-/), endpoints: 2 });
});

test('deleting the ServiceExport with kubectl raises the "import with no exporter" finding and an alert within the checks interval', async ({ page }) => {
  test.setTimeout(180_000);
  const manifest = 'apiVersion: net.gke.io/v1\nkind: ServiceExport\nmetadata:\n  name: hello-master-engine\n  namespace: mcs-demo\n';
  // Someone watching the alerts page keeps Meridian's 15 s check loop running.
  await page.goto('/alerts?sources=meridian');
  const deleted = await kubectl(['delete', 'serviceexports.net.gke.io', 'hello-master-engine', '-n', 'mcs-demo', '--context', 'cluster-b']);
  expect(deleted.stderr).toBe('');
  expect(deleted.stdout.trim()).toBe('serviceexport.net.gke.io "hello-master-engine" deleted');
  const started = Date.now();
  try {
    const problem = await eventually(
      'the import-without-export problem on /api/mesh',
      async () => (await api<MeshResponse>('/api/mesh')).mcs.problems.find((p) => p.code === 'import-without-export' && p.name === 'hello-master-engine'),
      30_000,
      1000,
    );
    expect(problem).toMatchObject({ severity: 'error', clusters: ['cluster-a', 'cluster-b'] });
    const finding = await eventually(
      'the MRD0009 finding on the net.gke.io ServiceImport',
      async () => {
        const list = await api<{ items: { ref: { cluster: string; kind: string; name: string }; findings: { code: string }[] }[] }>('/api/istio-config?namespaces=mcs-demo&findings=only');
        return list.items.find((i) => i.ref.kind === 'ServiceImport.net.gke.io' && i.ref.name === 'hello-master-engine' && i.findings.some((f) => f.code === 'MRD0009'));
      },
      30_000,
      1000,
    );
    expect(finding.ref.cluster).toMatch(/^cluster-[ab]$/);
    const alert = page.getByTestId('alert-row-MeridianImportWithoutExporter').first();
    await expect(alert).toBeVisible({ timeout: 40_000 });
    await expect(alert).toContainText('no cluster exports it');
    expect(Date.now() - started, 'the alert came within the 15 s check interval (plus the controller and cache)').toBeLessThan(40_000);
    await page.screenshot({ path: 'test-results/screenshots/gke-alert-import-without-exporter.png', fullPage: true });
  } finally {
    const restored = await kubectl(['apply', '-f', '-', '--context', 'cluster-b'], { input: manifest });
    expect(restored.stderr).toBe('');
    await eventually('hello-master-engine exported again', async () => ((await api<MeshResponse>('/api/mesh')).mcs.problems.some((p) => p.code === 'import-without-export') ? undefined : true), 30_000, 1000);
  }
});
