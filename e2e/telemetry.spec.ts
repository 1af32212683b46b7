import { expect, test } from '@playwright/test';
import type { ClustersResponse } from '@/lib/clusters';
import { drawn } from './support/graph';
import { scenario, stack } from './support/stack';

// Issue "tell the truth about telemetry": while a cluster's metrics endpoint stops answering
// (scenario telemetry-outage on eu-west), the graph page names eu-west in its telemetry banner, the
// Overview says so for eu-west only, and the built-in check MeridianTelemetryMissing fires; after
// the scenario stops, all three clear. The three pages stay open and refresh on their own (graph
// every 10 s, Overview every 10 s, alerts on the event stream and every 15 s); the timeouts allow
// two scrape intervals, the 5 s caches, the page's refresh and the check loop's 15 s.

const SHOTS = 'test-results/screenshots';

async function allOk(): Promise<boolean> {
  const res = await fetch(`${stack().consoleUrl}/api/clusters`);
  const body = (await res.json()) as ClustersResponse;
  return body.items.every((c) => c.telemetry?.verdict === 'ok');
}

test('a telemetry outage on eu-west: the graph banner, the Overview and the built-in alert say so for eu-west only, and clear after', async ({ page, context }) => {
  test.setTimeout(300_000);
  const interval = stack().scrape.intervalS;
  await expect.poll(allOk, { message: 'every cluster has current telemetry before the outage', timeout: 60_000, intervals: [1000] }).toBe(true);

  const graph = page;
  const overview = await context.newPage();
  const alerts = await context.newPage();
  await graph.goto('/graph?refresh=10s&duration=1m');
  await overview.goto('/');
  await alerts.goto('/alerts?sources=meridian');
  await expect(graph.getByTestId('graph-canvas')).toHaveAttribute('data-draw-state', 'drawn', { timeout: 60_000 });
  await expect(graph.getByTestId('telemetry-banner')).toHaveCount(0);
  await expect(overview.getByTestId('prometheus-eu-west')).toContainText('ready');

  const started = Date.now();
  const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const timings: string[] = [`scrape interval ${interval} s`];
  await scenario('telemetry-outage', 'start', { cluster: 'eu-west' });
  try {
    const banner = graph.getByTestId('telemetry-banner');
    await expect(banner).toContainText('eu-west', { timeout: 60_000 });
    timings.push(`graph banner named eu-west after ${since()}`);
    await expect(graph.getByTestId('telemetry-banner-eu-west')).toContainText(/no Istio telemetry/);
    await expect(banner).not.toContainText('us-east');
    await expect(banner).not.toContainText('ap-south');
    await expect(banner.getByRole('link', { name: 'Mesh & Clusters: eu-west' })).toHaveAttribute('href', '/mesh?cluster=eu-west');
    // Its cluster box is marked on the canvas (drawn even when none of its own traffic is).
    await expect
      .poll(async () => (await drawn(graph)).boxes.find((b) => b.id === 'cluster:eu-west'), { timeout: 30_000 })
      .toMatchObject({ classes: expect.arrayContaining(['no-telemetry']), label: 'eu-west — no telemetry' });
    await graph.screenshot({ path: `${SHOTS}/telemetry-graph-banner.png`, fullPage: true });

    await expect(overview.getByTestId('prometheus-eu-west')).toContainText(/no Istio telemetry for \d+ (s|min)/, { timeout: 60_000 });
    timings.push(`Overview said so for eu-west after ${since()}`);
    await expect(overview.getByTestId('prometheus-us-east')).toContainText('ready');
    await expect(overview.getByTestId('prometheus-ap-south')).toContainText('ready');
    await overview.screenshot({ path: `${SHOTS}/telemetry-overview.png`, fullPage: true });

    const alert = alerts.getByTestId('alert-row-MeridianTelemetryMissing');
    await expect(alert).toContainText('eu-west', { timeout: 90_000 });
    timings.push(`MeridianTelemetryMissing fired after ${since()}`);
    await expect(alert).toHaveCount(1);
    await alerts.screenshot({ path: `${SHOTS}/telemetry-alert.png`, fullPage: true });
  } finally {
    await scenario('telemetry-outage', 'stop');
  }

  const stopped = Date.now();
  const after = () => `${((Date.now() - stopped) / 1000).toFixed(1)} s`;
  await expect(graph.getByTestId('telemetry-banner')).toHaveCount(0, { timeout: 60_000 });
  timings.push(`graph banner gone ${after()} after the stop`);
  await expect.poll(async () => (await drawn(graph)).boxes.find((b) => b.id === 'cluster:eu-west')?.label, { timeout: 30_000 }).toBe('eu-west');
  await expect(overview.getByTestId('prometheus-eu-west')).toContainText('ready', { timeout: 60_000 });
  timings.push(`Overview "ready" for eu-west ${after()} after the stop`);
  await expect(alerts.getByTestId('alert-row-MeridianTelemetryMissing')).toHaveCount(0, { timeout: 90_000 });
  timings.push(`MeridianTelemetryMissing cleared ${after()} after the stop`);
  console.log(`[telemetry e2e] ${timings.join('; ')}`);
  test.info().annotations.push({ type: 'timings', description: timings.join('; ') });
});
