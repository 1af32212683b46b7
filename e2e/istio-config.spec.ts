// The Istio Config page on the demo mesh: every object with its findings, filters in the URL, and
// the deliberate misconfiguration (VirtualService bookinfo/details in ap-south routes 10% to the
// missing subset v2) fixed in the editor, its finding gone, then the seeded object restored exactly.
import { expect, test } from '@playwright/test';
import { kubectl } from './support/stack';

interface KubeObject {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec: unknown;
  [k: string]: unknown;
}

async function getDetails(): Promise<KubeObject> {
  const r = await kubectl(['--context', 'ap-south', '-n', 'bookinfo', 'get', 'virtualservice', 'details', '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as KubeObject;
}

const row = (cluster: string, kind: string, name: string) => `config-row-${cluster}-bookinfo-${kind}-${name}`;

test('the Istio Config page lists the demo objects with their findings; filters live in the URL', async ({ page }) => {
  await page.goto('/istio?namespaces=bookinfo');
  const table = page.getByTestId('config-table');
  await expect(table.getByTestId(row('us-east', 'VirtualService', 'reviews'))).toBeVisible();
  await expect(table.getByTestId(row('eu-west', 'DestinationRule', 'ratings'))).toBeVisible();
  const details = table.getByTestId(row('ap-south', 'VirtualService', 'details'));
  await expect(details).toContainText('ap-south');
  await expect(details.getByTestId('finding-counts')).toContainText('error');
  await expect(table.getByTestId(row('eu-west', 'DestinationRule', 'ratings')).getByTestId('finding-counts')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/istio-config-list.png', fullPage: true });

  await page.getByLabel('With findings only').click();
  await expect(page).toHaveURL(/findings=only/);
  await expect(table.getByTestId(row('ap-south', 'VirtualService', 'details'))).toBeVisible();
  await expect(table.getByTestId(row('us-east', 'VirtualService', 'reviews'))).toHaveCount(0);
  await page.goBack();
  await expect(table.getByTestId(row('us-east', 'VirtualService', 'reviews'))).toBeVisible();

  await page.goto('/istio?namespaces=bookinfo&kinds=DestinationRule&sort=cluster&dir=desc');
  await expect(table.getByTestId(row('eu-west', 'DestinationRule', 'ratings'))).toBeVisible();
  await expect(table.getByTestId(row('us-east', 'VirtualService', 'reviews'))).toHaveCount(0);
  await expect(table.locator('tbody tr').first()).toContainText('us-east');
  await table.getByTestId(row('eu-west', 'DestinationRule', 'ratings')).getByRole('link', { name: 'ratings' }).click();
  await expect(page).toHaveURL(/\/istio\/eu-west\/bookinfo\/DestinationRule\/ratings/);
  await expect(page.getByLabel('Name of subset 2')).toHaveValue('v2');
});

test('fixing the broken VirtualService in the editor clears its finding; the seeded object is restored exactly', async ({ page }) => {
  const seeded = await getDetails();
  try {
    await page.goto('/istio/ap-south/bookinfo/VirtualService/details');
    await expect(page.getByTestId('object-findings')).toContainText('v2');
    await page.getByRole('button', { name: 'Remove destination details v2' }).click();
    await page.getByLabel('Weight of details v1').fill('100');
    await expect(page.getByTestId('weight-total')).toHaveText('Total 100%');
    await page.getByTestId('review-apply').click();
    const modal = page.getByTestId('apply-modal');
    await expect(modal.getByTestId('result-ap-south')).toContainText('ok');
    await modal.getByRole('button', { name: 'Apply to ap-south' }).click();
    await expect(modal.getByTestId('apply-results').getByTestId('result-ap-south')).toContainText('updated');
    await modal.getByRole('button', { name: 'Done' }).click();

    await expect(async () => {
      await page.goto('/istio?namespaces=bookinfo&clusters=ap-south');
      await expect(page.getByTestId(row('ap-south', 'VirtualService', 'details'))).toBeVisible();
      await expect(page.getByTestId(row('ap-south', 'VirtualService', 'details')).getByTestId('finding-counts')).toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await page.screenshot({ path: 'test-results/screenshots/istio-config-fixed.png', fullPage: true });
  } finally {
    const now = await getDetails();
    const restored = { ...now, spec: seeded.spec, metadata: { ...now.metadata, labels: seeded.metadata.labels, annotations: seeded.metadata.annotations } };
    const r = await kubectl(['--context', 'ap-south', 'replace', '-f', '-'], { input: JSON.stringify(restored) });
    expect(r.code, r.stderr).toBe(0);
    const back = await getDetails();
    expect(back.spec).toEqual(seeded.spec);
    expect(back.metadata.labels).toEqual(seeded.metadata.labels);
    expect(back.metadata.annotations).toEqual(seeded.metadata.annotations);
  }
});

test('another kind in YAML: create a Sidecar through the same review, then delete it with confirmation', async ({ page }) => {
  const name = 'e2e-config-sidecar';
  const exists = async () => (await kubectl(['--context', 'ap-south', '-n', 'legacy', 'get', 'sidecar', name])).code === 0;
  expect(await exists()).toBe(false);
  try {
    await page.goto('/istio/new?kind=Sidecar&cluster=ap-south&namespace=legacy');
    const editor = page.getByTestId('yaml-editor');
    await expect(editor).toContainText('kind: Sidecar');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(
      `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: ${name}\n  namespace: legacy\nspec:\n  egress:\n    - hosts:\n        - "./*"\n`,
    );
    await page.getByTestId('review-apply').click();
    const modal = page.getByTestId('apply-modal');
    await expect(modal.getByTestId('result-ap-south')).toContainText('would be created');
    expect(await exists()).toBe(false);
    await modal.getByRole('button', { name: 'Apply to ap-south' }).click();
    await expect(page).toHaveURL(new RegExp(`/istio/ap-south/legacy/Sidecar/${name}$`));
    expect(await exists()).toBe(true);

    await page.getByRole('button', { name: 'Delete' }).click();
    const del = page.getByTestId('delete-modal');
    await expect(del.getByRole('button', { name: 'Delete' })).toBeDisabled();
    await del.getByLabel(`Type ${name} to confirm`).fill(name);
    await page.screenshot({ path: 'test-results/screenshots/istio-config-delete.png' });
    await del.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\/istio$/);
    await expect.poll(exists).toBe(false);
  } finally {
    if (await exists()) await kubectl(['--context', 'ap-south', '-n', 'legacy', 'delete', 'sidecar', name]);
  }
});
