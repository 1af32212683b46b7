import { expect, test } from '@playwright/test';

test('the services page lists every cluster\'s services with their mesh badges', async ({ page }) => {
  await page.goto('/services?namespaces=bookinfo,mcs-demo');
  const table = page.getByTestId('services-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('service-row-eu-west-bookinfo-ratings')).toContainText('exported');
  await expect(page.getByTestId('service-row-us-east-bookinfo-ratings')).toContainText('imported');
  await expect(page.getByTestId('service-row-eu-west-mcs-demo-hello-master-engine')).toContainText('exported');
  await expect(page.getByTestId('service-row-us-east-bookinfo-reviews')).toContainText('VirtualService');
  await page.screenshot({ path: 'test-results/screenshots/services.png', fullPage: true });
});

test('the name filter lives in the URL and narrows the list', async ({ page }) => {
  await page.goto('/services?namespaces=bookinfo');
  await expect(page.getByTestId('service-row-eu-west-bookinfo-ratings')).toBeVisible();
  await page.getByRole('textbox', { name: 'Filter services by name' }).fill('details');
  await expect(page).toHaveURL(/q=details/);
  await expect(page.getByTestId('service-row-ap-south-bookinfo-details')).toBeVisible();
  await expect(page.getByTestId('service-row-eu-west-bookinfo-ratings')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('service-row-eu-west-bookinfo-ratings')).toHaveCount(0);
});

test('a service links to the graph with it selected and to creating routing for it', async ({ page }) => {
  await page.goto('/services?namespaces=bookinfo&q=ratings');
  const row = page.getByTestId('service-row-eu-west-bookinfo-ratings');
  await expect(row.getByRole('link', { name: 'Create routing' })).toHaveAttribute('href', /\/istio\/new\?kind=VirtualService&cluster=eu-west&namespace=bookinfo&service=ratings/);
  await expect(row.getByRole('link', { name: 'ratings' })).toHaveAttribute('href', /\/graph\?.*selected=svc%3Aeu-west%3Abookinfo%3Aratings/);
});
