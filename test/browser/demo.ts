import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The demo's accounts (apps/api/src/demo): a customer and its MSP. */
export const DEMO_PASSWORD = 'cascade demo password';
export const CUSTOMER_OWNER = 'owner@northwind.example';
export const MSP_OWNER = 'owner@contoso-msp.example';

/** The API answers before the demo is seeded; wait until its accounts can sign in. */
export async function waitForDemo(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const response = await request.post('/graphql', {
          data: {
            query: 'mutation ($input: LoginInput!) { login(input: $input) { userId } }',
            variables: { input: { email: CUSTOMER_OWNER, password: DEMO_PASSWORD } },
          },
        });
        return response.ok() && JSON.stringify(await response.json()).includes('userId');
      },
      { timeout: 90_000, intervals: [500, 1_000, 2_000] },
    )
    .toBe(true);
}

export async function signIn(page: Page, email: string, landing = '/'): Promise<void> {
  await page.goto(landing);
  // Signed out, the app first tries the refresh cookie, then moves to the sign-in page.
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: false }).first().fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
