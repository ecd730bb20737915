import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/playwright-test.ts';
import { openConsultationForm } from './consultation-support.ts';
import { runScheduledSends, waitForEmail } from './mail.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * A resident answers a consultation (the example one in content/), a comms officer approves their
 * written answer, the consultation closes (the server's test clock, x-clearshare-test-now) and
 * the results page shows the counts and the approved answer, and the results email arrives. Every page and state is scanned
 * with axe at 390 and 1280 px, with JavaScript on and off (the two projects).
 */
test.describe.configure({ timeout: 240_000 });

const WIDTHS = [390, 1280] as const;
const PAGE = '/consultations/how-we-write-to-you/';
/** The day after the example closes (31 January 2027), in the server's test clock. */
const AFTER_CLOSE = { 'x-clearshare-test-now': '2027-02-01T10:00:00Z' };

test('a resident answers a consultation, a moderator approves it, and the results show once it closes', async ({
  page,
}, testInfo) => {
  await page.goto('/consultations/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Have your say');
  await expectNoAxeViolations(page, WIDTHS);

  // Sent empty: the error summary takes focus and links to each question that must be answered.
  await openConsultationForm(page, PAGE);
  await expectNoAxeViolations(page, WIDTHS);
  await page.getByRole('button', { name: 'Send your answers' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  for (const [text, field] of [
    ['Select at least one answer to question 1', '#q-heard-from'],
    ['Select an answer to question 2', '#q-best-way'],
    ['Select a number from 1 to 5 for question 3', '#q-clear'],
  ] as const) {
    await expect(summary.getByRole('link', { name: text })).toHaveAttribute('href', field);
  }
  await expectNoAxeViolations(page, WIDTHS);

  // Answered: the reference appears only once the answers are saved.
  const written = `Put the news in the library too ${testInfo.project.name} ${randomUUID().slice(0, 8)}`;
  await page.getByLabel('In a letter').check();
  await page.getByLabel('An email').check();
  await page.getByLabel('4', { exact: true }).check();
  await page.getByLabel(/change one thing/).fill(written);
  await page.getByLabel('You may publish what I wrote, without my name').check();
  const address = `results-${testInfo.project.name}-${randomUUID()}@example.com`;
  await page.getByLabel('Email address (optional)').fill(address);
  await page.getByRole('button', { name: 'Send your answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your answers');
  await expect(page.locator('.clearshare-reference')).toHaveText(/^[A-Z2-9]{8}$/);
  await expect(page.locator('main')).toContainText('We will email you once the results are ready.');
  await expectNoAxeViolations(page, WIDTHS);

  // Before it closes, the results page says when they come.
  await page.goto(`${PAGE}results/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results are not ready yet');
  await expectNoAxeViolations(page, WIDTHS);

  // A comms officer approves the written answer (in this browser: the resident's pages need no session).
  await signInAs(page, 'comms');
  await page.goto('/staff/consultations');
  const row = page.getByRole('row').filter({ hasText: written });
  await expect(row).toBeVisible();
  await expectNoAxeViolations(page, WIDTHS);
  await row.getByRole('button', { name: /^Approve/ }).click();
  await expect(page.getByRole('status')).toContainText('The answer was approved.');

  // After the closing day: answers are refused in plain words, and the results are shown.
  await openConsultationForm(page, PAGE);
  await page.setExtraHTTPHeaders(AFTER_CLOSE);
  await page.getByLabel('In a letter').check();
  await page.getByLabel('An email').check();
  await page.getByLabel('4', { exact: true }).check();
  await page.getByRole('button', { name: 'Send your answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This survey has closed');
  await expectNoAxeViolations(page, WIDTHS);

  await page.goto(`${PAGE}results/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^What people told us/);
  await expect(page.getByText('Percentages are out of the people who answered the question.')).toBeVisible();
  await expect(page.getByText(written)).toBeVisible();
  // Only a few people answer in this journey, so every count is hidden (the chart is drawn once 5
  // people pick an answer: tests/integration/consultations-results.test.ts).
  await expect(page.getByText('Fewer than 5 people answered this question.').first()).toBeVisible();
  await expectNoAxeViolations(page, WIDTHS);
  await page.setExtraHTTPHeaders({});

  // The scheduled work on the day after it closes emails everyone who asked for the results.
  await runScheduledSends(page.request, AFTER_CLOSE['x-clearshare-test-now']);
  const email = await waitForEmail(address, `${PAGE}results/`);
  expect(email.subject).toBe('Results: How should we tell you about the shared care record?');
  const origin = new URL(page.url()).origin;
  expect(email.text.match(/https?:\/\/\S+/g)).toEqual([`${origin}${PAGE}results/`]);
  expect(email.raw).not.toMatch(/<img|text\/html/i);
});
