import { type Page, test } from '../support/playwright-test.ts';

/**
 * Opens a consultation's page; with JavaScript on, waits until its form island has hydrated (its
 * idempotency key is there), so live validation answers the first click.
 */
export async function openConsultationForm(page: Page, path: string): Promise<void> {
  await page.goto(path);
  if (test.info().project.use.javaScriptEnabled !== false) {
    await page
      .locator('astro-island:not([ssr]) form[action="/api/consultations/answer"] input[name="idempotencyKey"]')
      .waitFor({ state: 'attached' });
  }
}
