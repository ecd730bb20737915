import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations, SCAN_WIDTHS } from './support.ts';

/**
 * Governance that shows its work (issue 14): the data-flow map with its table and documents, the
 * meeting summaries, and the "join our lay partner group" route through the single feedback point.
 * Each new page is scanned with axe at phone and desktop widths, with JavaScript on and off.
 */
test.describe.configure({ timeout: 180_000 });

/** True when nothing makes the page itself scroll sideways (a table may scroll in its own region). */
const fitsWindow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a resident reads who adds to the record and who looks, as a map and as a table, on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/how-data-flows/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How your information flows');
  const map = page.getByRole('img', { name: 'How information flows through the shared care record' });
  await expect(map).toBeVisible();
  // The map is drawn at about its own size on a phone, so its 14-unit text stays about 14 px.
  const width = (await map.boundingBox())?.width ?? 0;
  expect(width).toBeGreaterThan(300);
  await expect(map.locator('text', { hasText: 'Processor: it runs the system' })).toHaveCount(1);
  await map.screenshot({ path: test.info().outputPath('data-flow-map-390.png') });

  const table = page.getByRole('table', { name: /What each kind of partner puts in/ });
  const hospices = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Hospices/ }) });
  await expect(hospices).toContainText('2 listed');
  await expect(hospices).toContainText('Adds to the record and looks at it');
  await expect(hospices).toContainText('Controller: Kelham Hospice (a charity); St Wilfrid');
  const ambulance = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^Ambulance services/ }) });
  await expect(ambulance).toContainText('Looks at the record only');
  await expect(table.getByRole('row').filter({ hasText: 'Meridian Care Records Ltd' })).toContainText('Processor');

  // No link is filled in yet: the page says so and how to ask, rather than showing a dead link.
  const documents = page.locator('#document-dpia');
  await expect(documents).toContainText('Data protection impact assessment (DPIA)');
  await expect(documents).toContainText('We have not put this online yet. To ask for a copy, email');
  await expect(page.getByText('This page has made-up examples')).toBeVisible();
  expect(await fitsWindow(page)).toBe(true);
  await expectNoAxeViolations(page, SCAN_WIDTHS);
});

test('the governance page lists meeting summaries newest first, each with its own page', async ({ page }) => {
  await page.goto('/governance/');
  const list = page.getByRole('list', { name: 'Meeting summaries, newest first' });
  const titles = await list.getByRole('heading', { level: 3 }).allTextContents();
  expect(titles.map((title) => title.trim())).toEqual([
    'Board meeting, December 2026',
    'Lay partner meeting, November 2026',
  ]);
  await expect(list.getByRole('listitem').first()).toContainText('Board meeting. Held on 2 December 2026.');
  await expect(page.getByRole('link', { name: 'How your information flows, and our risk check' })).toHaveAttribute(
    'href',
    '/how-data-flows/',
  );
  await expectNoAxeViolations(page, SCAN_WIDTHS);

  await list.getByRole('link', { name: 'Lay partner meeting, November 2026' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lay partner meeting, November 2026');
  await expect(page.getByText('This page has made-up examples')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Who came' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Five lay partners' })).toBeVisible();
  await expect(page.locator('main')).toContainText(
    'Question: Can a person see a list of who has looked at their record?',
  );
  await expect(page.locator('main')).toContainText('Answer: Yes. You can ask us for it.');
  expect(await fitsWindow(page)).toBe(true);
  await expectNoAxeViolations(page, SCAN_WIDTHS);
});

test('a resident offers to join the lay partner group and it reaches the comms queue with a reply clock', async ({
  page,
  browser,
}, testInfo) => {
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled !== false;
  const context = await browser.newContext({ javaScriptEnabled });
  const resident = await context.newPage();
  await resident.goto('/governance/');
  await resident.getByRole('link', { name: 'Ask to join the lay partner group' }).click();
  await expect(resident).toHaveURL(/\/contact\/lay-partners\/$/);
  if (javaScriptEnabled) {
    await resident.locator('astro-island:not([ssr]) form[action="/api/feedback"]').waitFor({ state: 'attached' });
  }
  await expectNoAxeViolations(resident, SCAN_WIDTHS);
  // The topic is chosen already, with or without JavaScript.
  await expect(resident.getByLabel('I want to join the lay partner group', { exact: true })).toBeChecked();

  // Anonymous is refused in plain words: an offer to help needs a way to reach the person.
  const message = `I have looked after my mum for years and want to help ${randomUUID()}`;
  // Each answer is left before the next click, as a person tabbing on would: a message live
  // validation shows on leaving a field moves the page before the click lands.
  await resident.getByLabel('Your message').fill(message);
  await resident.getByLabel('Your message').blur();
  const noReply = resident.getByLabel('No, I do not need a reply', { exact: true });
  await noReply.check();
  await noReply.blur();
  await resident.getByRole('button', { name: 'Send message' }).click();
  await expect(resident.locator('.nhsuk-error-summary')).toContainText(
    'Select email, phone or post. We need a way to reach you about joining the lay partner group',
  );
  await expectNoAxeViolations(resident);

  await resident.getByLabel('Yes, by email', { exact: true }).check();
  await resident.getByLabel('Yes, by email', { exact: true }).blur();
  await resident
    .getByLabel('Email address')
    .fill(`lay-${testInfo.project.name}-${randomUUID().slice(0, 8)}@example.com`);
  await resident.getByLabel('Full name').fill('Lee Layperson');
  await resident.getByRole('button', { name: 'Send message' }).click();
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Message sent');
  const reference = ((await resident.locator('.clearshare-reference').textContent()) ?? '').trim();
  await context.close();

  await signInAs(page, 'comms');
  await page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Feedback' }).click();
  await page.getByLabel('Type').selectOption('lay-partner');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText('Offer to join lay partners');
  await expect(row).toContainText(/due in \d+ working days|due today|due before the next working day/);
  await row.getByRole('link', { name: reference }).click();
  await expect(page.locator('main')).toContainText(message);
});
