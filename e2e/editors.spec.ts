// Routing rule editors on the demo mesh: traffic shifting through the form with dry-run, diff and
// apply (seen in the graph), a 422 at its field, a conflict with a kubectl change, revert from the
// history, read-only mode and the mutation guards. Leaves VirtualService bookinfo/reviews (us-east)
// as seeded (50/30/20).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, type Page, type Request, test } from '@playwright/test';
import { graphSchema } from '@/lib/graph/types';
import { consoleEntry, kubectl, stack } from './support/stack';

test.describe.configure({ mode: 'serial' });

const PAGE = '/istio/us-east/bookinfo/VirtualService/reviews';
const SEEDED = [50, 30, 20];
const shots = (name: string) => `test-results/screenshots/${name}.png`;

interface Vs {
  metadata: { resourceVersion: string; [k: string]: unknown };
  spec: { http: { route: { destination: { subset: string }; weight?: number }[] }[]; [k: string]: unknown };
  [k: string]: unknown;
}

async function getReviews(): Promise<Vs> {
  const r = await kubectl(['--context', 'us-east', '-n', 'bookinfo', 'get', 'virtualservice', 'reviews', '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Vs;
}
const weights = (vs: Vs) => (vs.spec.http[0]?.route ?? []).map((d) => d.weight ?? 0);

/** Replaces the spec's weights with kubectl (as "someone else" would). */
async function setWeightsWithKubectl(w: number[]) {
  const vs = await getReviews();
  vs.spec.http[0]?.route.forEach((d, i) => (d.weight = w[i] ?? 0));
  const r = await kubectl(['--context', 'us-east', 'replace', '-f', '-'], { input: JSON.stringify(vs) });
  expect(r.code, r.stderr).toBe(0);
}

async function editorText(page: Page): Promise<string> {
  return (await page.getByTestId('yaml-editor').first().innerText()).replace(/\u00a0/g, ' ');
}

async function replaceEditorText(page: Page, text: string) {
  const editor = page.getByTestId('yaml-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

async function openReview(page: Page) {
  await page.getByTestId('review-apply').click();
  return page.getByTestId('apply-modal');
}

let seeded: Vs;

test.beforeAll(async () => {
  seeded = await getReviews();
  expect(weights(seeded)).toEqual(SEEDED);
});

test.afterAll(async () => {
  const now = await getReviews();
  const restored = { ...now, spec: seeded.spec };
  const r = await kubectl(['--context', 'us-east', 'replace', '-f', '-'], { input: JSON.stringify(restored) });
  expect(r.code, r.stderr).toBe(0);
  expect(weights(await getReviews())).toEqual(SEEDED);
});

test('traffic shifting form: 0/0/100, dry-run, diff, apply; the graph moves reviews traffic to v3', async ({ page, request }) => {
  await page.goto(PAGE);
  await expect(page.getByRole('tab', { name: 'Form' })).toBeVisible();
  await page.getByLabel('Weight of reviews v1').fill('0');
  await expect(page.getByTestId('traffic-shift-errors')).toContainText('spec.http[0].route');
  await expect(page.getByTestId('weight-total')).toHaveText('Total 50%');
  await page.getByLabel('Weight of reviews v2').fill('0');
  await page.getByLabel('Weight of reviews v3').fill('100');
  await expect(page.getByTestId('weight-total')).toHaveText('Total 100%');
  await expect(page.getByTestId('traffic-shift-errors')).toHaveCount(0);
  await page.screenshot({ path: shots('editors-form'), fullPage: true });

  const modal = await openReview(page);
  await expect(modal.getByTestId('result-us-east')).toContainText('ok');
  await expect(modal.getByTestId('result-us-east')).toContainText('would be updated');
  await expect(modal.getByTestId('apply-diff')).toContainText('weight: 100');
  await expect(modal.getByTestId('affected')).toContainText('us-east');
  // Several clusters at once: each gets its own dry-run verdict.
  await modal.getByLabel('eu-west').check();
  await expect(modal.getByTestId('result-eu-west')).toContainText(/would be created|ok/);
  await modal.getByLabel('eu-west').uncheck();
  await expect(modal.getByTestId('result-eu-west')).toHaveCount(0);
  await expect(modal.getByTestId('result-us-east')).toContainText('ok');
  await page.screenshot({ path: shots('editors-review'), fullPage: true });

  await modal.getByRole('button', { name: 'Apply to us-east' }).click();
  await expect(modal.getByTestId('apply-results').getByTestId('result-us-east')).toContainText('updated');
  expect(weights(await getReviews())).toEqual([0, 0, 100]);
  await page.screenshot({ path: shots('editors-applied'), fullPage: true });
  await modal.getByRole('button', { name: 'Done' }).click();

  await expect
    .poll(
      async () => {
        const res = await request.get('/api/graph?clusters=us-east,eu-west&namespaces=bookinfo&graphType=versionedApp&duration=1m');
        const g = graphSchema.parse(await res.json());
        const reviews = new Map(g.nodes.filter((n) => n.kind === 'app' && n.app === 'reviews').map((n) => [n.id, n.version]));
        const into = g.edges.filter((e) => reviews.has(e.target));
        const total = into.reduce((t, e) => t + e.rps, 0);
        const v3 = into.filter((e) => reviews.get(e.target) === 'v3').reduce((t, e) => t + e.rps, 0);
        return total > 0 ? v3 / total : 0;
      },
      { timeout: 90_000, intervals: [5_000] },
    )
    .toBeGreaterThanOrEqual(0.95);
});

test('an invalid apply shows the API server 422 cause at its field and keeps the text', async ({ page }) => {
  await page.goto(PAGE);
  await page.getByRole('tab', { name: 'YAML', exact: true }).click();
  const before = weights(await getReviews());
  const original = await editorText(page);
  const broken = original.replace(/weight: \d+/, 'weight: 150');
  expect(broken).not.toBe(original);
  await replaceEditorText(page, broken);
  // The schema check marks the line before anything is sent.
  await expect(page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') }).filter({ hasText: 'weight: 150' })).toBeVisible();

  const modal = await openReview(page);
  await expect(modal.getByTestId('result-us-east')).toContainText('failed');
  await expect(modal.getByTestId('result-us-east')).toContainText('422');
  await expect(modal.getByTestId('causes-us-east')).toContainText('spec.http[0].route');
  await expect(modal.getByRole('button', { name: 'Apply to us-east' })).toBeDisabled();
  await page.screenshot({ path: shots('editors-422'), fullPage: true });
  await modal.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('server-causes')).toContainText('spec.http[0].route');
  expect(await editorText(page)).toContain('weight: 150');

  // A reload keeps the text (sessionStorage draft); nothing reached the cluster.
  await page.reload();
  await page.getByRole('tab', { name: 'YAML', exact: true }).click();
  await expect(page.getByTestId('draft-alert')).toBeVisible();
  expect(await editorText(page)).toContain('weight: 150');
  expect(weights(await getReviews())).toEqual(before);
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByTestId('draft-alert')).toHaveCount(0);
});

test('a kubectl change meanwhile produces the conflict view, and neither version is lost', async ({ page }) => {
  await page.goto(PAGE);
  await page.getByLabel('Weight of reviews v1').fill('60');
  await page.getByLabel('Weight of reviews v2').fill('20');
  await page.getByLabel('Weight of reviews v3').fill('20');
  await setWeightsWithKubectl([40, 40, 20]);

  let modal = await openReview(page);
  const conflict = modal.getByTestId('conflict-view');
  await expect(conflict).toBeVisible();
  await expect(modal.getByTestId('result-us-east')).toContainText('409');
  await expect(conflict.getByTestId('conflict-diff')).toContainText('weight: 40');
  await expect(conflict.getByTestId('conflict-diff')).toContainText('weight: 60');
  await page.screenshot({ path: shots('editors-conflict'), fullPage: true });

  await conflict.getByRole('button', { name: /Reload theirs/ }).click();
  await expect(page.getByTestId('stash-alert')).toContainText('weight: 60');
  expect(await editorText(page)).toContain('weight: 40');
  await page.getByRole('button', { name: 'Restore my version' }).click();
  await expect(page.getByTestId('stash-alert')).toHaveCount(0);
  expect(await editorText(page)).toContain('weight: 60');

  modal = await openReview(page);
  await expect(modal.getByTestId('result-us-east')).toContainText('ok');
  await expect(modal.getByTestId('apply-diff')).toContainText('weight: 40');
  await modal.getByRole('button', { name: 'Apply to us-east' }).click();
  await expect(modal.getByTestId('apply-results').getByTestId('result-us-east')).toContainText('updated');
  expect(weights(await getReviews())).toEqual([60, 20, 20]);
});

test('revert from the history restores the previous spec through the same review; a one-cluster apply costs at most three /api requests', async ({ page, request }) => {
  const history = await (await request.get('/api/istio-config/us-east/bookinfo/VirtualService/reviews/history')).json();
  const latest = [...history.entries].sort((a: { time: string }, b: { time: string }) => b.time.localeCompare(a.time))[0];
  const previous = weights({ metadata: { resourceVersion: '' }, spec: latest.previousSpec } as Vs);
  expect(previous).not.toEqual(weights(await getReviews()));
  await page.goto(PAGE);
  await page.getByRole('tab', { name: 'History' }).click();
  const rows = page.getByTestId('history-row');
  await expect(rows.first()).toContainText('weight');
  await page.screenshot({ path: shots('editors-history'), fullPage: true });
  await rows.first().getByRole('button', { name: /Revert/ }).click();
  await expect(page.getByRole('tab', { name: 'Form' })).toBeVisible();
  await expect(page.getByLabel('Weight of reviews v1')).toHaveValue(String(previous[0]));
  // Every request to /api from opening the review to the apply's result. The apply's own are the
  // review and the apply; the masthead's alert badge polls GET /api/alerts on its own (every 15 s
  // and on alert events), whatever the page does, so it is logged but not counted.
  const api: string[] = [];
  const log = (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) api.push(`${r.method()} ${url.pathname}`);
  };
  page.on('request', log);
  const modal = await openReview(page);
  await expect(modal.getByTestId('result-us-east')).toContainText('ok');
  await modal.getByRole('button', { name: 'Apply to us-east' }).click();
  await expect(modal.getByTestId('apply-results').getByTestId('result-us-east')).toContainText('updated');
  page.off('request', log);
  const flow = api.filter((r) => r !== 'GET /api/alerts');
  console.log(`one-cluster review and apply: ${flow.length} requests to /api (${api.join(', ') || 'none'})`);
  expect(flow.length).toBeLessThanOrEqual(3);
  expect(flow).toEqual(['POST /api/istio-config/apply', 'POST /api/istio-config/apply']);
  expect(weights(await getReviews())).toEqual(previous);
  await modal.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByTestId('history-row').first()).toContainText('revert');
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startReadOnlyConsole(): Promise<{ url: string; proc: ChildProcess }> {
  const s = stack() as ReturnType<typeof stack> & { meridianConfig?: string };
  const config = s.meridianConfig ?? join(s.kubeconfig, '..', 'meridian.yaml');
  const roConfig = `${config}.read-only.yaml`;
  writeFileSync(roConfig, readFileSync(config, 'utf8').replace(/^readOnly:.*$/m, 'readOnly: true'));
  const port = await freePort();
  const proc = spawn(process.execPath, [consoleEntry()], {
    env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', MERIDIAN_CONFIG: roConfig, KUBECONFIG: s.kubeconfig, MERIDIAN_SESSION_SECRET: randomBytes(32).toString('base64url') },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/api/healthz`).then((r) => r.ok).catch(() => false);
    if (ok) return { url, proc };
    await new Promise((r) => setTimeout(r, 500));
  }
  proc.kill();
  throw new Error('the read-only console did not start');
}

test('read-only mode shows no edit control and refuses a forged apply; a cross-origin POST is refused', async ({ page, request }) => {
  const ro = await startReadOnlyConsole();
  try {
    const session = await (await request.get(`${ro.url}/api/csrf`)).json();
    expect(session.readOnly).toBe(true);
    await page.goto(`${ro.url}${PAGE}`);
    await expect(page.getByText('Read-only mode')).toBeVisible();
    await expect(page.getByTestId('yaml-editor')).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByRole('tab', { name: 'Form' })).toHaveCount(0);
    for (const name of [/Review and apply/, /^Delete$/, /Discard/]) await expect(page.getByRole('button', { name })).toHaveCount(0);
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByTestId('history-row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /Revert/ })).toHaveCount(0);
    await page.screenshot({ path: shots('editors-read-only'), fullPage: true });
    await page.goto(`${ro.url}/istio`);
    await expect(page.getByTestId('config-table')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);

    const vs = await getReviews();
    const forged = await page.request.post(`${ro.url}/api/istio-config/apply`, {
      headers: { 'x-csrf-token': session.token, origin: ro.url },
      data: { mode: 'apply', operation: { op: 'apply', object: vs }, clusters: ['us-east'], resourceVersions: { 'us-east': vs.metadata.resourceVersion } },
    });
    expect(forged.status()).toBe(403);
    expect(weights(await getReviews())).toEqual(weights(vs));
  } finally {
    ro.proc.kill();
  }

  const token = (await (await request.get('/api/csrf')).json()).token as string;
  const cross = await request.post('/api/istio-config/apply', {
    headers: { 'x-csrf-token': token, origin: 'https://evil.example' },
    data: { mode: 'review', operation: { op: 'apply', object: await getReviews() }, clusters: ['us-east'] },
  });
  expect(cross.status()).toBe(403);
  expect((await cross.json()).error.message).toMatch(/cross-origin/);
});
