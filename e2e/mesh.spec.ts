import { expect, test } from '@playwright/test';

// The Mesh & Clusters page on the demo mesh: the three clusters with istiod and proxy sync, the
// MCS table (ratings and hello-master-engine exported from eu-west, imported in us-east), and the
// cross-cluster matrix with traffic from us-east to eu-west.

const CLUSTERS = ['us-east', 'eu-west', 'ap-south'];

test('cluster cards show istiod, proxy sync, certificate, gateway and remote secrets; the control-plane model is multi-primary', async ({ page }) => {
  await page.goto('/mesh');
  await expect(page.getByRole('heading', { level: 1, name: 'Mesh & Clusters' })).toBeVisible();
  for (const c of CLUSTERS) {
    const card = page.getByTestId(`cluster-card-${c}`);
    await expect(card).toContainText('reachable');
    await expect(card).toContainText(/default · 1\.\d+/); // istiod revision and version
    await expect(card).toContainText(/\d+ synced/);
    await expect(card).toContainText(/\d+ stale/);
    await expect(card).toContainText(/\d+ not sent/);
    await expect(card).toContainText(`network-${c}`);
    await expect(card).toContainText(/203\.0\.113\.\d+:15443/);
    await expect(card).toContainText(/in \d+ days/); // root certificate
    for (const other of CLUSTERS.filter((x) => x !== c)) await expect(card).toContainText(`${other}: synced`);
  }
  await expect(page.getByTestId('control-plane')).toContainText('multi-primary');
  await page.screenshot({ path: 'test-results/screenshots/mesh-clusters.png', fullPage: true });
});

test('the MCS table shows exports and imports per cluster, and the problems', async ({ page }) => {
  await page.goto('/mesh');
  await page.getByRole('tab', { name: /Multi-cluster services/ }).click();
  await expect(page).toHaveURL(/tab=mcs/);
  for (const row of ['mcs-row-bookinfo-ratings', 'mcs-row-mcs-demo-hello-master-engine']) {
    const r = page.getByTestId(row);
    await expect(r.locator('td[data-label="Exported from"]')).toHaveText('eu-west');
    await expect(r.locator('td[data-label="Imported into"]')).toContainText('us-east');
    await expect(r.locator('td[data-label="us-east"]')).toContainText('imported');
    await expect(r.locator('td[data-label="eu-west"]')).toContainText('exported');
    await expect(r).toContainText('consistent');
    await expect(r).toContainText(/[1-9]\d* endpoints?/);
  }
  await page.screenshot({ path: 'test-results/screenshots/mesh-mcs.png', fullPage: true });
});

test('the cross-cluster matrix shows traffic from us-east to eu-west and a cell opens the graph on those edges', async ({ page }) => {
  await page.goto('/mesh?tab=matrix');
  const cell = page.getByTestId('matrix-cell-us-east-eu-west');
  await expect(cell).toContainText(/rps/);
  const rps = Number((await cell.textContent())?.match(/([\d.]+) rps/)?.[1]);
  expect(rps).toBeGreaterThan(0);
  await expect(cell).toContainText(/p50\/p95\/p99 \d+\/\d+\/\d+ ms/);
  await expect(cell).toContainText('mTLS 100.0%');
  await page.getByRole('button', { name: 'p95 latency' }).click();
  await expect(page).toHaveURL(/metric=p95/);
  await page.screenshot({ path: 'test-results/screenshots/mesh-matrix.png', fullPage: true });
  await cell.getByRole('link').click();
  await expect(page).toHaveURL((u) => u.pathname === '/graph' && u.searchParams.get('clusters') === 'us-east,eu-west' && u.searchParams.get('find') === 'crosscluster');
});
