import { expect, test, type Page } from '@playwright/test';
import { eventually, scenario, stack } from './support/stack';

// The alerts page on the demo mesh: the latency-spike scenario's CrossClusterHighLatency appears
// within its `for` (1m) plus 60 s, leads to the graph with that edge selected, and moves to
// "Silenced" when silenced; the cut-off scenario raises Meridian's cluster-unreachable check.
// Every test stops its scenario and expires the silences it created.

const FOR_MS = 60_000;
const MARK = `e2e-${Date.now().toString(36)}`;

async function expireOurSilences() {
  const am = stack().alertmanagerUrl;
  const all = (await (await fetch(`${am}/api/v2/silences`)).json()) as { id: string; comment: string; status: { state: string } }[];
  for (const s of all.filter((x) => x.comment.includes(MARK) && x.status.state !== 'expired')) await fetch(`${am}/api/v2/silence/${s.id}`, { method: 'DELETE' });
}

async function prometheusHas(alertname: string): Promise<boolean> {
  const body = (await (await fetch(`${stack().prometheusUrl}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string> }[] } };
  return body.data.alerts.some((a) => a.labels.alertname === alertname);
}

const row = (page: Page, name: string) => page.getByTestId(`alert-row-${name}`).first();

test('a latency spike fires CrossClusterHighLatency on the page, links to the edge, and can be silenced', async ({ page }) => {
  test.setTimeout(300_000);
  await scenario('latency-spike', 'start', { extraMs: 400 });
  try {
    await page.goto('/alerts');
    await expect(page.getByTestId('alert-sources')).toContainText('Alertmanager: ok');
    // pending first (Prometheus evaluates the `for`), then firing: within `for` plus 60 s of the start
    await expect(row(page, 'CrossClusterHighLatency')).toContainText('firing', { timeout: FOR_MS + 60_000 });
    await expect(page.getByTestId('severity-warning')).toBeVisible();
    await expect(page.getByTestId('alert-count-badge')).not.toHaveText('0');
    await page.screenshot({ path: 'test-results/screenshots/alerts-latency-firing.png', fullPage: true });

    await row(page, 'CrossClusterHighLatency').getByRole('link', { name: 'CrossClusterHighLatency' }).click();
    await expect(page).toHaveURL(
      (u) => u.pathname === '/graph' && u.searchParams.get('selected') === 'app:us-east:mcs-demo:hello-app-engine:v1->svc:eu-west:mcs-demo:hello-master-engine:http',
    );
    await expect(page.getByRole('main')).toContainText('hello-master-engine'); // the graph shows the selected edge
    await page.screenshot({ path: 'test-results/screenshots/alerts-latency-graph.png', fullPage: true });
    await page.goBack();

    await row(page, 'CrossClusterHighLatency').getByRole('button', { name: /^Silence / }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('alertname="CrossClusterHighLatency"');
    await dialog.getByLabel('Duration').selectOption({ label: '15 minutes' });
    await dialog.getByLabel('Comment').fill(`${MARK}: latency spike under test`);
    await page.screenshot({ path: 'test-results/screenshots/alerts-silence-dialog.png' });
    await dialog.getByRole('button', { name: 'Silence', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('severity-warning').getByTestId('alert-row-CrossClusterHighLatency')).toHaveCount(0);

    await page.getByRole('tab', { name: /Silenced/ }).click();
    await expect(row(page, 'CrossClusterHighLatency')).toContainText('silenced');
    await page.screenshot({ path: 'test-results/screenshots/alerts-silenced.png', fullPage: true });
    await page.getByRole('tab', { name: /Silences/ }).click();
    await expect(page.getByTestId('silences-table')).toContainText(MARK);
  } finally {
    await expireOurSilences();
    await scenario('latency-spike', 'stop');
    await eventually('CrossClusterHighLatency resolved in Prometheus', async () => ((await prometheusHas('CrossClusterHighLatency')) ? undefined : true), 150_000, 3000);
  }
});

test('cutting off a cluster raises cluster-unreachable', async ({ page }) => {
  test.setTimeout(180_000);
  await scenario('cluster-cut-off', 'start', { cluster: 'eu-west' });
  try {
    await page.goto('/alerts?sources=meridian');
    const alert = page.getByTestId('severity-critical').getByTestId('alert-row-MeridianClusterUnreachable');
    await expect(alert).toBeVisible({ timeout: 60_000 });
    await expect(alert).toContainText('eu-west');
    await page.screenshot({ path: 'test-results/screenshots/alerts-cluster-unreachable.png', fullPage: true });
    await alert.getByRole('link', { name: 'MeridianClusterUnreachable' }).click();
    await expect(page).toHaveURL((u) => u.pathname === '/mesh' && u.searchParams.get('cluster') === 'eu-west');
    await expect(page.getByTestId('cluster-card-eu-west')).toContainText('unreachable');
  } finally {
    await scenario('cluster-cut-off', 'stop');
    await eventually(
      'eu-west reachable again',
      async () => {
        const body = (await (await fetch(`${stack().consoleUrl}/api/alerts?fresh=1`)).json()) as { alerts: { name: string }[] };
        return body.alerts.some((a) => a.name === 'MeridianClusterUnreachable') ? undefined : true;
      },
      90_000,
      2000,
    );
  }
});
