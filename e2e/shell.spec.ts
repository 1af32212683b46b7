import { expect, test } from '@playwright/test';

const NAV = [
  { label: 'Overview', path: '/', heading: 'Overview' },
  { label: 'Graph', path: '/graph', heading: 'Graph' },
  { label: 'Mesh & Clusters', path: '/mesh', heading: 'Mesh & Clusters' },
  { label: 'Services', path: '/services', heading: 'Services' },
  { label: 'Istio Config', path: '/istio', heading: 'Istio Config' },
  { label: 'Alerts', path: '/alerts', heading: 'Alerts' },
];

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-');

test('every navigation entry opens and keeps the cluster and namespace selection in the URL', async ({ page }) => {
  await page.goto('/?clusters=us-east,eu-west&namespaces=bookinfo');
  for (const item of NAV) {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: item.label, exact: true }).click();
    await expect(page).toHaveURL((u) => u.pathname === item.path);
    const url = new URL(page.url());
    expect(url.searchParams.get('clusters')).toBe('us-east,eu-west');
    expect(url.searchParams.get('namespaces')).toBe('bookinfo');
    await expect(page.getByRole('heading', { level: 1, name: item.heading })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/shell-${slug(item.label)}.png`, fullPage: true });
  }
});

test('the overview lists the clusters of the kubeconfig with their Kubernetes version', async ({ page }) => {
  await page.goto('/');
  const table = page.getByTestId('clusters-table');
  for (const c of ['us-east', 'eu-west', 'ap-south']) {
    await expect(table.getByTestId(`cluster-row-${c}`)).toContainText('reachable');
    await expect(table.getByTestId(`cluster-row-${c}`)).toContainText(/v1\.\d+/);
  }
});

test('choosing a cluster updates the URL, and back/forward walks the selection', async ({ page }) => {
  await page.goto('/services');
  await page.getByTestId('cluster-selector').click();
  await page.getByRole('menuitem', { name: /eu-west/ }).click();
  await expect(page).toHaveURL(/clusters=eu-west/);
  await page.getByRole('menuitem', { name: /ap-south/ }).click();
  await expect(page).toHaveURL(/clusters=eu-west%2Cap-south|clusters=eu-west,ap-south/);
  await page.keyboard.press('Escape');
  await page.goBack();
  await expect(page).toHaveURL((u) => u.searchParams.get('clusters') === 'eu-west');
  await page.goBack();
  await expect(page).toHaveURL((u) => !u.searchParams.has('clusters'));
  await page.goForward();
  await expect(page).toHaveURL((u) => u.searchParams.get('clusters') === 'eu-west');
});

test('the namespace selector offers the namespaces of the clusters', async ({ page }) => {
  await page.goto('/?clusters=eu-west');
  await page.getByTestId('namespace-selector').click();
  await expect(page.getByRole('menuitem', { name: /bookinfo/ })).toBeVisible();
  await page.getByRole('menuitem', { name: /bookinfo/ }).click();
  await expect(page).toHaveURL((u) => u.searchParams.get('namespaces') === 'bookinfo' && u.searchParams.get('clusters') === 'eu-west');
});

test('the dark theme applies and survives a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  await page.screenshot({ path: 'test-results/screenshots/shell-overview-dark.png' });
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.locator('html')).not.toHaveClass(/pf-v6-theme-dark/);
});

test('API errors name the problem', async ({ request }) => {
  const bad = await request.get('/api/namespaces?clusters=nowhere');
  expect(bad.status()).toBe(404);
  expect((await bad.json()).error).toMatchObject({ code: 'unknown_cluster', cluster: 'nowhere' });
  const extra = await request.get('/api/namespaces?bogus=1');
  expect(extra.status()).toBe(400);
  expect((await extra.json()).error.message).toMatch(/bogus/);
  const metrics = await request.get('/metrics');
  expect(await metrics.text()).toMatch(/meridian_http_request_duration_seconds_bucket\{.*route="\/api\/namespaces".*status="404"/);
});

test('the graph benchmark page is not part of the console (only the bench build serves it)', async ({ request }) => {
  const res = await request.get('/bench/graph?nodes=10');
  expect(res.status()).toBe(404);
});

test('the console has its icon and a web manifest (installable: name, icons, standalone)', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = (await (await request.get(href!)).json()) as { short_name: string; start_url: string; display: string; theme_color: string; icons: { src: string; type: string }[] };
  expect(manifest).toMatchObject({ short_name: 'Meridian', start_url: '/', display: 'standalone' });
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);
  const icons = [...manifest.icons.map((i) => i.src), ...(await page.locator('link[rel="icon"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href') ?? '')))];
  expect(icons).toContain('/icon.svg');
  for (const src of new Set(icons)) {
    const res = await request.get(src);
    expect(res.status(), src).toBe(200);
    expect(res.headers()['content-type'], src).toMatch(/^image\/(svg\+xml|png)/);
  }
});
