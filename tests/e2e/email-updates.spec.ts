import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import type { ReceivedEmail } from '../support/smtp-sink.ts';
import { waitForEmail } from './mail.ts';
import { expectNoAxeViolations } from './support.ts';

/** Mobile and desktop, as the brief for email updates asks. */
const WIDTHS = [390, 1280] as const;

async function openSignUp(page: Page): Promise<void> {
  await page.goto('/updates/subscribe/');
  if (test.info().project.use.javaScriptEnabled !== false) {
    await page
      .locator('astro-island:not([ssr]) form[action="/api/updates/subscribe"] input[name="idempotencyKey"]')
      .waitFor({ state: 'attached' });
  }
}

/** The link in an email that starts with this path, as a path on the site under test. */
function linkIn(email: ReceivedEmail, path: string): string {
  const match = email.text.match(new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_-]{43}`));
  if (!match) throw new Error(`No ${path} link in the email`);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

/** A raw header's value, unfolded (long headers are folded over lines by the sender). */
function header(email: ReceivedEmail, name: string): string | undefined {
  const head = email.raw.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

test('a resident sees what to fix when the sign-up form is sent empty', async ({ page }) => {
  await openSignUp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Get updates by email');
  await expectNoAxeViolations(page, WIDTHS);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  for (const [text, field] of [
    ['Enter your email address', '#email'],
    ['Select what you want to hear about', '#topics'],
    ['Select how often you want emails', '#frequency'],
  ] as const) {
    await expect(summary.getByRole('link', { name: text })).toHaveAttribute('href', field);
  }
  await expectNoAxeViolations(page, WIDTHS);
});

test('a resident signs up, confirms, changes topics from the email, and unsubscribes in one click', async ({
  page,
  request,
}) => {
  const address = `subscriber-${randomUUID()}@example.com`;
  await openSignUp(page);
  await page.getByLabel('Email address').fill(address);
  await page.getByLabel('Events', { exact: true }).check();
  await page.getByLabel('Once a week').check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  expect(page.url()).not.toContain(address);
  await expectNoAxeViolations(page, WIDTHS);

  const confirmation = await waitForEmail(address, '/api/updates/confirm');
  expect(confirmation.subject).toContain('Confirm your email updates');
  const unsubscribe = header(confirmation, 'List-Unsubscribe');
  expect(unsubscribe).toMatch(/^<https?:\/\/[^>]+\/api\/updates\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/);
  expect(header(confirmation, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  expect(confirmation.raw).not.toContain('<img');

  // Opening the link changes nothing by itself (mail scanners open links); the button does.
  await page.goto(linkIn(confirmation, '/api/updates/confirm'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start your email updates');
  await expectNoAxeViolations(page, WIDTHS);
  await page.getByRole('button', { name: 'Start my updates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed up for email updates');
  await expectNoAxeViolations(page, WIDTHS);

  // The manage link from the email: the choices as saved, and no address on the page.
  await page.goto(linkIn(confirmation, '/api/updates/manage'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change your email updates');
  await expect(page.getByLabel('Events', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Once a week')).toBeChecked();
  await expect(page.locator('main')).not.toContainText(address);
  await expectNoAxeViolations(page, WIDTHS);
  await page.getByLabel('Events', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Select what you want to hear about');
  await expectNoAxeViolations(page, WIDTHS);
  await page.getByLabel('New data being shared, and new partners joining').check();
  await page.getByLabel('As it happens').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your changes are saved');
  await expectNoAxeViolations(page, WIDTHS);
  await page.goto(linkIn(confirmation, '/api/updates/manage'));
  await expect(page.getByLabel('New data being shared, and new partners joining')).toBeChecked();
  await expect(page.getByLabel('Events', { exact: true })).not.toBeChecked();
  await expect(page.getByLabel('As it happens')).toBeChecked();

  // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" to the header's address, with no
  // cookies and no page of ours: that alone stops the updates.
  const target = new URL((unsubscribe ?? '').slice(1, -1));
  const oneClick = await request.post(`${target.pathname}${target.search}`, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
  });
  expect(oneClick.status()).toBe(200);
  await page.goto(linkIn(confirmation, '/api/updates/manage'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
  await expectNoAxeViolations(page, WIDTHS);
});

test('the unsubscribe link in the body asks with a button, then stops the updates', async ({ page }) => {
  const address = `leaver-${randomUUID()}@example.com`;
  await openSignUp(page);
  await page.getByLabel('Email address').fill(address);
  await page.getByLabel('All updates').check();
  await page.getByLabel('As it happens').check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  const email = await waitForEmail(address, '/api/updates/unsubscribe');
  await page.goto(linkIn(email, '/api/updates/unsubscribe'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop your email updates');
  await expectNoAxeViolations(page, WIDTHS);
  await page.getByRole('button', { name: 'Stop my updates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your email updates have stopped');
  await expectNoAxeViolations(page, WIDTHS);
  // The confirmation link went with the address.
  await page.goto(linkIn(email, '/api/updates/confirm'));
  await page.getByRole('button', { name: 'Start my updates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
});
