import { expect, test, type Page } from '@playwright/test';
import { drawn } from './support/graph';
import { scenario, stack } from './support/stack';

// The topology graph on the demo mesh. The page exposes window.__meridianGraph (the cytoscape
// instance) so the tests can read what is drawn (support/graph.ts): element ids, classes and
// rendered positions.

const HELLO = 'app:us-east:mcs-demo:hello-app-engine:v1';
const MASTER_SVC = 'svc:eu-west:mcs-demo:hello-master-engine';

/** Opens the graph and waits (polling what is drawn, not sleeping) until the mesh's traffic is in it. */
async function openGraph(page: Page, query = '') {
  await page.goto(`/graph?refresh=10s${query ? `&${query}` : ''}`);
  await expect
    .poll(async () => (await drawn(page)).edges.filter((e) => e.classes.includes('cross-cluster')).length, { timeout: 90_000, intervals: [1000, 2000, 3000] })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-draw-state', 'drawn');
}

async function clickNode(page: Page, id: string) {
  const node = (await drawn(page)).nodes.find((n) => n.id === id);
  expect(node, `${id} is drawn`).toBeDefined();
  const box = await page.getByTestId('graph-canvas').boundingBox();
  if (!node || !box) throw new Error('nothing to click');
  await page.mouse.click(box.x + node.x, box.y + node.y);
}

test('the graph shows the three clusters and the cross-cluster edges, with pixels drawn', async ({ page }) => {
  await openGraph(page);
  const d = await drawn(page);
  expect(d.boxes.filter((b) => b.classes.includes('box-cluster')).map((b) => b.id).sort()).toEqual(['cluster:ap-south', 'cluster:eu-west', 'cluster:us-east']);
  const cross = d.edges.filter((e) => e.classes.includes('cross-cluster')).map((e) => e.id);
  expect(cross).toContain(`${HELLO}->${MASTER_SVC}:http`);
  expect(cross.some((id) => id.includes('svc:ap-south:bookinfo:details'))).toBe(true);
  const png = await page.getByTestId('graph-canvas').screenshot();
  expect(png.length, 'the canvas holds a drawing, not a blank area').toBeGreaterThan(20_000);
  await page.screenshot({ path: 'test-results/screenshots/graph-mesh.png' });

  await page.getByRole('button', { name: 'Legend' }).click();
  await expect(page.getByTestId('graph-legend')).toContainText('Cross-cluster');
  // The health rules as the server applied them (its thresholds), not a copy in the page.
  await expect(page.getByTestId('graph-legend')).toContainText(/Degraded \(5xx ≥ [\d.]+%/);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.screenshot({ path: 'test-results/screenshots/graph-mesh-dark.png' });
  await page.getByRole('button', { name: 'Light theme' }).click();

  // The same graph as a table (keyboard users, scanning): cross-cluster edges are listed as such.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page).toHaveURL(/view=table/);
  await page.getByRole('tab', { name: /Edges/ }).click();
  await expect(page.getByTestId(`row-${HELLO}->${MASTER_SVC}:http`)).toContainText('cross-cluster');
  await page.screenshot({ path: 'test-results/screenshots/graph-table.png' });
});

test('the tab keeps one event stream: the graph listens on the shared one, across pages', async ({ page }) => {
  const streams: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/events') streams.push(r.url());
  });
  await openGraph(page, 'clusters=us-east,eu-west');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const label of ['Mesh & Clusters', 'Alerts', 'Graph']) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-draw-state', 'drawn');
  expect(streams.map((u) => new URL(u).search)).toEqual(['']);
});

test('clicking hello-app-engine shows its outbound rate in the side panel', async ({ page }) => {
  await openGraph(page);
  await clickNode(page, HELLO);
  await expect(page).toHaveURL((u) => u.searchParams.get('selected') === HELLO);
  const panel = page.getByTestId('side-panel');
  await expect(panel.getByRole('heading', { name: /hello-app-engine/ })).toBeVisible();
  const outbound = panel.getByTestId('outbound-rps');
  await expect.poll(async () => Number(await outbound.getAttribute('data-value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(panel.getByTestId('metrics-charts')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/graph-side-panel.png' });
  // Back leaves the selection, forward brings it again.
  await page.goBack();
  await expect(panel).toBeHidden();
  await page.goForward();
  await expect(page.getByTestId('side-panel').getByRole('heading', { name: /hello-app-engine/ })).toBeVisible();
});

test('a find expression highlights exactly the matching nodes, and errors show where they are', async ({ page, request }) => {
  await openGraph(page);
  const find = page.getByRole('textbox', { name: 'Find expression' });
  await find.fill('ns=mcs-demo AND');
  await expect(page.getByTestId('find-error')).toContainText('column 16');
  await find.fill('ns=mcs-demo OR app=productpage');
  await find.press('Enter');
  await expect(page).toHaveURL((u) => u.searchParams.get('find') === 'ns=mcs-demo OR app=productpage');
  const graph = (await (await request.get('/api/graph?graphType=versionedApp&duration=10m')).json()) as { nodes: { id: string; namespace: string; app?: string }[] };
  const expected = graph.nodes.filter((n) => n.namespace === 'mcs-demo' || n.app === 'productpage').map((n) => n.id).sort();
  expect(expected).toContain(HELLO);
  await expect.poll(async () => (await drawn(page)).nodes.filter((n) => n.classes.includes('find-match')).map((n) => n.id).sort()).toEqual(expected);
  const d = await drawn(page);
  expect(d.nodes.filter((n) => !expected.includes(n.id)).every((n) => n.classes.includes('find-dim'))).toBe(true);
  await expect(page.getByTestId('find-status')).toContainText(`${expected.length} nodes`);
  await page.screenshot({ path: 'test-results/screenshots/graph-find.png' });
});

test('a hide expression removes the matching nodes and their edges', async ({ page }) => {
  await openGraph(page);
  const before = await drawn(page);
  const hidden = before.nodes.filter((n) => n.id.includes(':istio-system:')).map((n) => n.id);
  expect(hidden.length).toBeGreaterThan(0);
  const hide = page.getByRole('textbox', { name: 'Hide expression' });
  await hide.fill('ns=istio-system');
  await hide.press('Enter');
  await expect.poll(async () => (await drawn(page)).nodes.filter((n) => n.id.includes(':istio-system:')).length).toBe(0);
  const after = await drawn(page);
  expect(after.nodes.length).toBe(before.nodes.length - hidden.length);
  expect(after.edges.some((e) => hidden.some((h) => e.id.startsWith(`${h}->`)))).toBe(false);
  expect(after.boxes.map((b) => b.id)).not.toContain('ns:us-east:istio-system');
  await page.screenshot({ path: 'test-results/screenshots/graph-hide.png' });
});

test('a deep link reproduces scope, type, find, labels and selection', async ({ page }) => {
  const selected = 'app:us-east:mcs-demo:hello-app-engine';
  const q = new URLSearchParams({ clusters: 'us-east,eu-west', namespaces: 'mcs-demo,bookinfo', graphType: 'app', find: 'crosscluster', edgeLabel: 'p95', boxes: 'cluster', selected });
  await openGraph(page, q.toString());
  await expect(page.getByLabel('Graph type')).toHaveValue('app');
  await expect(page.getByLabel('Edge labels')).toHaveValue('p95');
  await expect(page.getByRole('textbox', { name: 'Find expression' })).toHaveValue('crosscluster');
  await expect(page.getByTestId('side-panel').getByRole('heading', { name: /hello-app-engine/ })).toBeVisible();
  const d = await drawn(page);
  expect(d.boxes.map((b) => b.id)).toEqual(expect.arrayContaining(['cluster:eu-west', 'cluster:us-east']));
  // Cluster boxes only (no namespace boxes), as the link says.
  expect(d.boxes.every((b) => b.classes.includes('box-cluster'))).toBe(true);
  expect(d.nodes.find((n) => n.id === selected)?.classes).toContain('find-match');
  await expect(page.locator('#cluster-toggle-ap-south')).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: 'test-results/screenshots/graph-deep-link.png' });
});

test('with a cluster cut off the page still renders and marks its box', async ({ page }) => {
  expect(stack().controlUrl).toBeTruthy();
  await scenario('cluster-cut-off', 'start', { cluster: 'eu-west' });
  try {
    await page.goto('/graph?refresh=10s');
    await expect(page.getByTestId('cluster-unreachable-eu-west')).toBeVisible({ timeout: 90_000 });
    await expect
      .poll(async () => (await drawn(page)).boxes.find((b) => b.id === 'cluster:eu-west'), { timeout: 30_000 })
      .toMatchObject({ classes: expect.arrayContaining(['unreachable']), label: 'eu-west — unreachable' });
    const d = await drawn(page);
    expect(d.boxes.map((b) => b.id)).toEqual(expect.arrayContaining(['cluster:us-east', 'cluster:ap-south']));
    expect(d.nodes.some((n) => n.id.includes(':us-east:'))).toBe(true);
    await page.screenshot({ path: 'test-results/screenshots/graph-cluster-cut-off.png' });
  } finally {
    await scenario('cluster-cut-off', 'stop');
  }
});
