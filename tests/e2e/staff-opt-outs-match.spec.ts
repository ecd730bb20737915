import { expect, test } from '../support/playwright-test.ts';
import { jsEnabled, sendOptOut } from './opt-out-support.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * Issue 19, volume item 1: an IG officer uploads the record platform's match file. A bad file is
 * refused with a report by the field and nothing changes; the good file moves the clear match to
 * identity checked and leaves the other on the exceptions list with its reason. With JavaScript
 * on and off (the form is a plain multipart post), axe on every state.
 */
test.describe.configure({ timeout: 240_000 });

const HEADINGS = 'Reference,NHS number matched,Date of birth matched,Name matched,Postcode matched,Practice code';
const file = (...lines: string[]) => ({
  name: 'match.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[HEADINGS, ...lines].join('\r\n')}\r\n`),
});

test('an IG officer uploads the match file: a bad one changes nothing, a good one checks the clear match and lists the other', async ({
  page,
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: jsEnabled() });
  const resident = await context.newPage();
  const suffix = jsEnabled() ? 'Js' : 'Nojs';
  const clear = await sendOptOut(resident, `Mira Clearmatch${suffix}`);
  const unclear = await sendOptOut(resident, `Otto Unmatched${suffix}`);
  await context.close();

  await signInAs(page, 'ig');
  for (const reference of [clear, unclear]) {
    await page.goto(`/staff/opt-outs/${reference}`);
    await page.getByRole('button', { name: 'I have confirmed their contact details' }).click();
    await expect(page.getByRole('status')).toContainText('Contact details recorded as confirmed');
  }

  await page.goto('/staff/opt-outs');
  await page.getByRole('link', { name: 'Upload a match file' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Upload a match file from the record platform');
  await expectNoAxeViolations(page);

  // A formula in a cell: refused, the summary links to the field, the report names the line.
  await page
    .getByLabel('Match file (CSV)')
    .setInputFiles(file(`${clear},Y,Y,Y,Y,A81001`, `${unclear},=1+1,Y,Y,Y,A81001`));
  await page.getByRole('button', { name: 'Upload and check identities' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('The file has a problem. Nothing was changed');
  await expect(page.locator('#match-report')).toContainText(
    'Line 3: the NHS number matched cell starts with "=", which a spreadsheet would run as a formula',
  );
  await expectNoAxeViolations(page);
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Match file (CSV)')).toBeFocused();
  await page.goto(`/staff/opt-outs/${clear}`);
  await expect(page.locator('main')).toContainText('Contact confirmed');

  await page.goto('/staff/opt-outs/match');
  await page.getByLabel('Match file (CSV)').setInputFiles(file(`${clear},Y,Y,Y,Y,A81001`, `${unclear},Y,N,Y,Y,A81002`));
  await page.getByRole('button', { name: 'Upload and check identities' }).click();
  await expect(page.getByRole('status')).toContainText('1 identity checked, 1 to check by hand, 0 already checked');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: /See the exceptions/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Match exceptions');
  const row = page.getByRole('row').filter({ hasText: unclear });
  await expect(row).toContainText('Date of birth did not match');
  await expect(row).toContainText('A81002');
  await expect(page.getByRole('row').filter({ hasText: clear })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await row.getByRole('link', { name: unclear }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(unclear);
  await page.goto(`/staff/opt-outs/${clear}`);
  await expect(page.locator('main')).toContainText('Identity checked');
});
