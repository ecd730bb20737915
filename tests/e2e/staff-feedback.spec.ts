import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { waitForEmail } from './mail.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * A comms officer works a complaint sent through the public contact form: finds it in the queue,
 * takes it, tags it, replies by email (the reply reaches the person's inbox) and closes it.
 * Every screen and error state is scanned with axe, with JavaScript on and off.
 */
test.describe.configure({ timeout: 180_000 });

async function sendComplaint(page: Page, email: string, message: string): Promise<string> {
  await page.goto('/contact/');
  if (test.info().project.use.javaScriptEnabled !== false) {
    await page.locator('astro-island:not([ssr]) form[action="/api/feedback"]').waitFor({ state: 'attached' });
  }
  await page.getByLabel('A complaint', { exact: true }).check();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByLabel('Your message').fill(message);
  await page.getByLabel('Yes, by email', { exact: true }).check();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Full name').fill('Cora Complainant');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Message sent');
  return ((await page.locator('.clearshare-reference').textContent()) ?? '').trim();
}

const done = (page: Page) => page.getByRole('status');

test('a comms officer triages, replies to and closes a complaint sent through the contact form', async ({
  page,
  browser,
}, testInfo) => {
  const email = `complainant-${testInfo.project.name}-${randomUUID().slice(0, 8)}@example.com`;
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false });
  const resident = await context.newPage();
  const reference = await sendComplaint(resident, email, `The letter about my record was wrong ${randomUUID()}`);
  await context.close();

  await signInAs(page, 'comms');
  await page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Feedback' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Feedback');
  await expectNoAxeViolations(page);

  await page.getByLabel('Type').selectOption('complaint');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/type=complaint/);
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText('Complaint');
  await expect(row).toContainText(/due in \d working days|due today|due before the next working day/);
  await expectNoAxeViolations(page);

  await row.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.locator('main')).toContainText('The letter about my record was wrong');
  await expectNoAxeViolations(page);

  await page.getByLabel('Who is handling it').selectOption('me');
  await page.getByRole('button', { name: 'Change who is handling it' }).click();
  await expect(done(page)).toContainText('Who is handling it has been changed');

  await page.getByLabel('Add a theme').fill('Letters');
  await page.getByRole('button', { name: 'Add theme' }).click();
  await expect(done(page)).toContainText('The themes have been changed');
  await expect(page.getByRole('button', { name: 'Remove theme letters' })).toBeVisible();

  // An empty reply comes back with the error summary, focused, linking to the box.
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your reply');
  await expect(page.locator('#reply-error')).toContainText('Enter your reply');
  await expectNoAxeViolations(page);

  const reply = `We are sorry about the letter. We have corrected it. ${randomUUID()}`;
  await page.getByLabel('Your reply').fill(reply);
  await page.getByLabel('This reply answers them (mark as answered)').check();
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(done(page)).toContainText('Your reply is on its way by email');
  await expect(page.locator('main')).toContainText(reply); // kept on the history
  const received = await waitForEmail(email, reply);
  expect(received.subject).toContain(reference);

  await page.getByLabel('Closed', { exact: true }).check();
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(done(page)).toContainText('The status has been changed');
  await expect(page.locator('.nhsuk-summary-list').first()).toContainText('Closed');
  await expectNoAxeViolations(page);

  // Closed items leave the default list.
  await page.getByRole('link', { name: 'Back to feedback' }).click();
  await expect(page.getByRole('link', { name: reference })).toHaveCount(0);
});

test('the mail problems screen lists no recipient and is clean for axe', async ({ page }) => {
  await signInAs(page, 'comms');
  await page
    .getByRole('navigation', { name: 'Staff menu' })
    .getByRole('link', { name: 'Emails not delivered' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails not delivered');
  await expectNoAxeViolations(page);
});
