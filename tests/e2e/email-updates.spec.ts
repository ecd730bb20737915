import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, type Page, test } from '../support/playwright-test.ts';
import type { ReceivedEmail } from '../support/smtp-sink.ts';
import { receivedEmails, runScheduledSends, waitForEmail } from './mail.ts';
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

/**
 * RFC 8058: what a mail provider's "Unsubscribe" button does. It POSTs "List-Unsubscribe=One-Click"
 * to the address in the List-Unsubscribe header, with no cookies and no page of ours: that alone
 * must stop the updates.
 */
async function unsubscribeInOneClick(request: APIRequestContext, listUnsubscribe: string | undefined): Promise<void> {
  const target = new URL((listUnsubscribe ?? '').slice(1, -1));
  const oneClick = await request.post(`${target.pathname}${target.search}`, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: 'List-Unsubscribe=One-Click',
  });
  expect(oneClick.status()).toBe(200);
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

  await unsubscribeInOneClick(request, unsubscribe);
  await page.goto(linkIn(confirmation, '/api/updates/manage'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');
  await expectNoAxeViolations(page, WIDTHS);
});

test('the unsubscribe link in the body asks with a button, then stops the updates', async ({ page }) => {
  const address = `leaver-${randomUUID()}@example.com`;
  await signUpForEverything(page, address);
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

/**
 * Each project moves the server's clock a few days after a different update in content/ (an
 * update version is emailed once, and the two projects share one server), then to a second one
 * after unsubscribing. The sender only sends updates dated in the 7 days before "today"
 * (src/server/subscriptions/send.ts), so the four windows do not overlap, and none holds the
 * real date, when the server's own timer runs.
 */
const UPDATES_BY_PROJECT = {
  js: {
    first: { now: '2026-10-22T10:00:00Z', slug: 'phone-line-hours-change', title: 'Our phone line now opens at 9am' },
    later: { now: '2026-05-14T10:00:00Z', title: 'End of life care plans shared from 15 June' },
  },
  'no-js': {
    first: {
      now: '2026-09-24T10:00:00Z',
      slug: 'new-easy-read-guide',
      title: 'New Easy Read guide to the shared care record',
    },
    later: { now: '2026-02-12T10:00:00Z', title: 'Care homes join the shared care record on 9 March' },
  },
} as const;

/** Signs an address up for every update as it happens (not yet confirmed). */
async function signUpForEverything(page: Page, address: string): Promise<void> {
  await openSignUp(page);
  await page.getByLabel('Email address').fill(address);
  await page.getByLabel('All updates').check();
  await page.getByLabel('As it happens').check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
}

/** Signs an address up for every update as it happens, and confirms it from the email. */
async function signUpAndConfirm(page: Page, address: string): Promise<void> {
  await signUpForEverything(page, address);
  await page.goto(linkIn(await waitForEmail(address, '/api/updates/confirm'), '/api/updates/confirm'));
  await page.getByRole('button', { name: 'Start my updates' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are signed up for email updates');
}

test('a subscriber receives an update, changes topics from it, and stops in one click from its header', async ({
  page,
  request,
}, testInfo) => {
  const updates = UPDATES_BY_PROJECT[testInfo.project.name as keyof typeof UPDATES_BY_PROJECT];
  const address = `reader-${randomUUID()}@example.com`;
  // A second subscriber who stays: proof that the later update was sent, to everyone but the leaver.
  const stayer = `stayer-${randomUUID()}@example.com`;
  await signUpAndConfirm(page, address);
  await signUpAndConfirm(page, stayer);

  // The comms team published an update a few days ago: the next scheduled run emails it.
  expect((await runScheduledSends(request, updates.first.now)).updates).toBeGreaterThanOrEqual(2);
  const update = await waitForEmail(address, updates.first.title);
  expect(update.subject).toContain(updates.first.title);
  const origin = new URL(page.url()).origin;
  const unsubscribe = header(update, 'List-Unsubscribe') ?? '';
  // The site's own address (PUBLIC_URL; plain http only because this test server is on loopback),
  // and no mailto: (docs/subscriptions.md).
  expect(unsubscribe).toMatch(/^<https?:\/\/[^>]+\/api\/updates\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/);
  expect(unsubscribe.startsWith(`<${origin}/`)).toBe(true);
  expect(header(update, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
  // No tracking: plain text with no images, and every link a plain address on our site.
  expect(update.raw).not.toMatch(/<img|text\/html/i);
  const links = update.text.match(/https?:\/\/\S+/g) ?? [];
  expect(links.map((link) => link.replace(/token=[A-Za-z0-9_-]{43}$/, 'token=…'))).toEqual([
    `${origin}/updates/${updates.first.slug}/`,
    `${origin}/api/updates/manage?token=…`,
    `${origin}/api/updates/unsubscribe?token=…`,
  ]);
  await page.goto(`/updates/${updates.first.slug}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(updates.first.title);

  // Change topics from the update's own link.
  await page.goto(linkIn(update, '/api/updates/manage'));
  await expect(page.getByLabel('All updates')).toBeChecked();
  await page.getByLabel('All updates').uncheck();
  await page.getByLabel('Events', { exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your changes are saved');
  await page.goto(linkIn(update, '/api/updates/manage'));
  await expect(page.getByLabel('Events', { exact: true })).toBeChecked();
  await expect(page.getByLabel('All updates')).not.toBeChecked();

  await unsubscribeInOneClick(request, unsubscribe);
  await page.goto(linkIn(update, '/api/updates/manage'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');

  // The next update reaches the stayer and not the leaver. The outbox sends in the order it
  // queued, and the leaver signed up first, so once the stayer has it, the leaver's would be here.
  const before = receivedEmails().filter((email) => email.to.includes(address)).length;
  expect((await runScheduledSends(request, updates.later.now)).updates).toBeGreaterThanOrEqual(1);
  await waitForEmail(stayer, updates.later.title);
  expect(receivedEmails().filter((email) => email.to.includes(address))).toHaveLength(before);
});
