import { readFileSync } from 'node:fs';
import { expect, test } from '../support/playwright-test.ts';
import { waitForEmail } from './mail.ts';
import { jsEnabled, sendOptOut, uniqueEmail } from './opt-out-support.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * Issue 19, volume item 2, end to end: two residents opt out; an IG officer uploads the record
 * platform's match file (both identity checked), then its confirmation file (one applied, one
 * not, with the reason), sees the first applied and the second still waiting, reads the
 * resident's "your opt-out is in place" email from the SMTP sink, and exports that practice's
 * batch for GP systems with the applied request in it. JavaScript on and off (plain multipart
 * forms), axe on the new page's states.
 */
test.describe.configure({ timeout: 240_000 });

const csvFile = (name: string, headings: string, ...lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[headings, ...lines].join('\r\n')}\r\n`),
});

test('an IG officer marks a batch applied from the confirmation file, and the resident is emailed', async ({
  page,
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled() });
  const resident = await context.newPage();
  const email = uniqueEmail('applied');
  const applied = await sendOptOut(resident, 'Ada Appliedwell', email);
  const waiting = await sendOptOut(resident, 'Wes Notyetapplied');
  await context.close();
  // A practice code of this run's own, so the batch below holds only this journey's requests.
  const practice = `Z${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;

  await signInAs(page, 'ig');
  for (const reference of [applied, waiting]) {
    await page.goto(`/staff/opt-outs/${reference}`);
    await page.getByRole('button', { name: 'I have confirmed their contact details' }).click();
    await expect(page.getByRole('status')).toContainText('Contact details recorded as confirmed');
  }

  await page.goto('/staff/opt-outs/match');
  await page
    .getByLabel('Match file (CSV)')
    .setInputFiles(
      csvFile(
        'match.csv',
        'Reference,NHS number matched,Date of birth matched,Name matched,Postcode matched,Practice code',
        `${applied},Y,Y,Y,Y,${practice}`,
        `${waiting},Y,Y,Y,Y,${practice}`,
      ),
    );
  await page.getByRole('button', { name: 'Upload and check identities' }).click();
  await expect(page.getByRole('status')).toContainText('2 identity checked');

  await page.getByRole('link', { name: 'Upload a confirmation file' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Upload a confirmation file from the record platform',
  );
  await expectNoAxeViolations(page);

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const headings = 'Reference,Applied,Date applied,Reason not applied';
  // A date in the future: the whole file is refused and nothing changes, not even the good row.
  await page
    .getByLabel('Confirmation file (CSV)')
    .setInputFiles(csvFile('confirmation.csv', headings, `${applied},Y,${today},`, `${waiting},Y,2999-01-01,`));
  await page.getByRole('button', { name: 'Upload and mark applied' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('The file has a problem. Nothing was changed');
  await expect(page.locator('#match-report')).toContainText('Line 3: the date applied 2999-01-01 is in the future');
  await expectNoAxeViolations(page);
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Confirmation file (CSV)')).toBeFocused();

  await page
    .getByLabel('Confirmation file (CSV)')
    .setInputFiles(
      csvFile('confirmation.csv', headings, `${applied},Y,${today},`, `${waiting},N,,Not registered at this practice`),
    );
  await page.getByRole('button', { name: 'Upload and mark applied' }).click();
  await expect(page.getByRole('status')).toContainText('1 applied, 0 already applied, 1 not applied');
  await expect(page.getByRole('row').filter({ hasText: waiting })).toContainText('Not registered at this practice');
  await expectNoAxeViolations(page);

  await page.goto(`/staff/opt-outs/${applied}`);
  await expect(page.locator('main')).toContainText('Applied');
  await page.goto(`/staff/opt-outs/${waiting}`);
  await expect(page.locator('main')).toContainText('Identity checked');

  const letter = await waitForEmail(email, `${applied} is in place`);
  expect(letter.text).toContain(`Your opt-out ${applied} was put in place on`);
  expect(letter.text).not.toContain('Ada Appliedwell');

  // The practice's batch for GP systems carries the applied request, not the one still waiting.
  await page.goto('/staff/opt-outs/export');
  await page.getByLabel('GP practice').selectOption(practice);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
  expect(csv).toContain(`"${applied}"`);
  expect(csv).toContain('"416409005"');
  expect(csv).not.toContain(`"${waiting}"`);
});
