import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { CUSTOMER_OWNER, MSP_OWNER, signIn, waitForDemo } from './demo.js';

const SCREENSHOTS = join(import.meta.dirname, '../../docs/screenshots');

/** No serious or critical accessibility violation on the page as it stands. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const found = serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);
}

test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

test('a risk manager signs in and lands on the portfolio dashboard', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png') });

  await signIn(page, CUSTOMER_OWNER, page.url());
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();
  await expect(page.getByText('Vendors', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('img', { name: /Heatmap of \d+ vendors/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

  await page.getByRole('link', { name: 'Vendors' }).click();
  await expect(page.getByRole('heading', { name: 'Vendors' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Contoso Managed Services' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'vendors.png') });
});

test('filters live in the URL, so a shared link opens the same view', async ({ page }) => {
  await signIn(page, CUSTOMER_OWNER, '/vendors?tag=backup');
  await expect(page).toHaveURL(/tag=backup/);
  await expect(page.getByRole('cell', { name: 'Fabrikam Cloud Backup' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Contoso Managed Services' })).toHaveCount(0);
});

test('a reload keeps you signed in through the cookie, which no script can read', async ({
  page,
  context,
}) => {
  await signIn(page, CUSTOMER_OWNER, '/vendors');
  await expect(page.getByRole('cell', { name: 'Contoso Managed Services' })).toBeVisible();
  // The access token lived in memory only; the reload loses it and renews through the cookie.
  await page.reload();
  await expect(page.getByRole('cell', { name: 'Contoso Managed Services' })).toBeVisible();
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({
    name: 'cascade_refresh',
    httpOnly: true,
    sameSite: 'Strict',
    path: '/auth',
  });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/vendors');
  await expect(page).toHaveURL(/\/sign-in/);
});

test("another organization never sees the first one's vendors", async ({ page }) => {
  await signIn(page, MSP_OWNER, '/vendors');
  await expect(page.getByRole('heading', { name: 'Vendors' })).toBeVisible();
  await expect(page.getByText('No vendors yet.')).toBeVisible();
  // Its own name may show (it is Contoso); the customer's vendor records never do.
  await expect(page.getByRole('cell')).toHaveCount(0);
  await expect(page.getByText('Fabrikam Cloud Backup')).toHaveCount(0);
});

test('a forgotten password starts from the sign-in page and reveals nothing', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/password-reset$/);
  await expectAccessible(page);
  await page.getByLabel('Email').fill('nobody-here@example.test');
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
});

test('an invitation link without its token says so instead of failing', async ({ page }) => {
  await page.goto('/invitations/accept');
  await expect(
    page.getByRole('heading', { name: 'This invitation link is incomplete' }),
  ).toBeVisible();
  await expectAccessible(page);
});
