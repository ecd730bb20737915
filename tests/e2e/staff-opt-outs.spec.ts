import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { fillForm, openForm, type Person, sendFromCheckPage } from './opt-out-support.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * An information-governance officer takes an opt-out sent through the public form from received
 * to applied — confirming contact by phone (no email given), recording how identity was checked
 * and the date it was applied in the clinical systems — then exports the CSV for GP systems.
 * Every screen and error state is scanned with axe, with JavaScript on and off.
 */
test.describe.configure({ timeout: 180_000 });

const done = (page: Page) => page.getByRole('status');

/** Today's date in London as the three boxes of a date input. */
function todayParts() {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

test('an IG officer takes an opt-out from received to applied and exports it for GP systems', async ({
  page,
  browser,
}, testInfo) => {
  const person: Person = {
    who: 'self',
    fullName: `Ada ${testInfo.project.name === 'js' ? 'Lovelace' : 'Byron'}`,
    dob: { day: '10', month: '12', year: '1965' },
    nhsNumber: '943 476 5919',
    postcode: 'AW1 2BT',
    phone: '020 7946 0123',
  };
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false });
  const resident = await context.newPage();
  await openForm(resident);
  await fillForm(resident, person);
  await resident.getByRole('button', { name: 'Continue' }).click();
  const reference = await sendFromCheckPage(resident);
  await context.close();

  await signInAs(page, 'ig');
  await page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Opt-outs' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opt-outs');
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText('Received');
  await expectNoAxeViolations(page);

  await row.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.locator('main')).toContainText(person.fullName);
  await expect(page.locator('main')).toContainText('943 476 5919');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'I have confirmed their contact details' }).click();
  await expect(done(page)).toContainText('Contact details recorded as confirmed');

  // Identity cannot be recorded as checked without saying how.
  await page.getByRole('button', { name: 'Record identity check' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter how you checked their identity');
  await expectNoAxeViolations(page);
  await page
    .getByLabel('How did you check their identity?')
    .fill('Called them; name, date of birth and address match the GP record.');
  await page.getByRole('button', { name: 'Record identity check' }).click();
  await expect(done(page)).toContainText('Identity check recorded');

  // Not in the future.
  await page.locator('#date').fill('1');
  await page.locator('#date-month').fill('1');
  await page.locator('#date-year').fill('2099');
  await page.getByRole('button', { name: 'Record opt-out applied' }).click();
  await expect(page.getByRole('alert')).toContainText('Date must be today or in the past');
  await expectNoAxeViolations(page);
  const today = todayParts();
  await page.locator('#date').fill(today.day);
  await page.locator('#date-month').fill(today.month);
  await page.locator('#date-year').fill(today.year);
  await page.getByRole('button', { name: 'Record opt-out applied' }).click();
  await expect(done(page)).toContainText('Opt-out recorded as applied');
  await expect(page.locator('.nhsuk-summary-list').first()).toContainText('Applied');
  await expect(page.locator('main')).toContainText('There is nothing more to do on this request.');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Back to opt-outs' }).click();
  await page.getByRole('link', { name: 'Export changes for GP systems (CSV)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export changes for GP systems');
  await expectNoAxeViolations(page);

  // The other project's journey may run at the same moment and send this request in its own
  // file first, so the page answers with a file or with "nothing waiting"; either way the
  // request must then be in exactly one of the files sent.
  const download = page.waitForEvent('download').catch(() => undefined);
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const first = await Promise.race([
    download,
    page
      .getByRole('alert')
      .waitFor()
      .then(() => undefined),
  ]);
  if (first) expect(first.suggestedFilename()).toMatch(/^opt-out-changes-batch-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  else await expect(page.getByRole('alert')).toContainText('There are no changes waiting to be sent');

  await page.goto('/staff/opt-outs/export');
  await expectNoAxeViolations(page);
  const files = new Map<string, string>();
  for (const button of await page.getByRole('button', { name: /^Download file \d+ again$/ }).all()) {
    const again = page.waitForEvent('download');
    await button.click();
    const file = await again;
    files.set(file.suggestedFilename(), readFileSync((await file.path()) ?? '', 'utf8'));
  }
  const holding = [...files.entries()].filter(([, csv]) => csv.includes(`"${reference}"`));
  expect(holding).toHaveLength(1);
  const [[name, csv] = ['', '']] = holding;
  const line = csv.split('\r\n').find((l) => l.startsWith(`"${reference}"`)) ?? '';
  expect(line).toContain('"9434765919"');
  expect(line).toContain('"416409005"');
  expect(line).toContain('Refused consent for upload to local shared electronic record');
  // Downloaded again, a file has the same rows as when it was first sent.
  if (first?.suggestedFilename() === name) expect(readFileSync((await first.path()) ?? '', 'utf8')).toBe(csv);
});
