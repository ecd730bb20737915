import { expect, type Page, test } from '../support/playwright-test.ts';
import { fillForm, jsEnabled, openForm, sendFromCheckPage } from './opt-out-support.ts';
import { signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * The opt-out work list built for volume (issue 19, item 3): an IG officer ticks requests and
 * takes one step on all of them after a page that states the count, with JavaScript on and off;
 * with JavaScript on, j/k/x move and tick in the list, read through the accessibility tree.
 */
test.describe.configure({ timeout: 180_000 });

/** Sends an opt-out with no email address (so it waits for staff to confirm contact). */
async function sendOptOut(page: Page, fullName: string): Promise<string> {
  await openForm(page);
  await fillForm(page, {
    who: 'self',
    fullName,
    dob: { day: '3', month: '4', year: '1971' },
    nhsNumber: '943 476 5919',
    address: { line1: '4 Queue Street', town: 'Wyre Bridge' },
    postcode: 'AW1 2BT',
    phone: '020 7946 0456',
  });
  await page.getByRole('button', { name: 'Continue' }).click();
  return sendFromCheckPage(page);
}

async function residentSends(page: Page, names: readonly string[]): Promise<string[]> {
  const context = await page.context().browser()?.newContext({ javaScriptEnabled: jsEnabled() });
  if (!context) throw new Error('no browser');
  const resident = await context.newPage();
  const references: string[] = [];
  for (const name of names) references.push(await sendOptOut(resident, name));
  await context.close();
  return references;
}

test('an IG officer confirms contact for two ticked requests in one step, after checking the count', async ({
  page,
}) => {
  const tag = jsEnabled() ? 'Js' : 'Nojs';
  const references = await residentSends(page, [`Queue Bulkone ${tag}`, `Queue Bulktwo ${tag}`]);
  await signInAs(page, 'ig');
  await page.goto('/staff/opt-outs');
  await expect(page.getByText(/requests? match/)).toBeVisible();

  // Nothing ticked and no step chosen: the error summary links to each field.
  await page.getByRole('button', { name: 'Continue' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Select what to do with the selected requests');
  await expect(alert).toContainText('Select at least one request, or select all matching');
  await expectNoAxeViolations(page);

  for (const reference of references) await page.getByRole('checkbox', { name: `Select ${reference}` }).check();
  await page.getByRole('radio', { name: 'Confirm contact details' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check before you act');
  await expect(page.locator('main')).toContainText('Confirm contact details: 2 requests.');
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Yes, do this for 2' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What happened');
  await expect(page.locator('main')).toContainText('2 requests changed.');
  await expectNoAxeViolations(page);

  await page.goto('/staff/opt-outs?status=contact-confirmed');
  for (const reference of references) await expect(page.getByRole('row').filter({ hasText: reference })).toBeVisible();
});

test('j and k move between requests and x ticks one, only in the list, and they can be turned off', async ({
  page,
}) => {
  test.skip(!jsEnabled(), 'Shortcuts need JavaScript; without it the list is plain checkboxes');
  await residentSends(page, ['Queue Keysone', 'Queue Keystwo']);
  await signInAs(page, 'ig');
  await page.goto('/staff/opt-outs');
  const boxes = page.getByRole('table').getByRole('checkbox');
  const first = boxes.nth(0);
  const second = boxes.nth(1);

  await first.focus();
  await page.keyboard.press('j');
  await expect(second).toBeFocused();
  await page.keyboard.press('x');
  await expect(second).toBeChecked();
  // What a screen reader is given: the ticked box, by its name.
  expect(await page.getByRole('table').ariaSnapshot()).toMatch(/checkbox "Select [A-Z0-9]{8}" \[checked\]/);
  await page.keyboard.press('k');
  await expect(first).toBeFocused();
  await expect(first).not.toBeChecked();

  // Typing in a box is typing, not a shortcut.
  const note = page.getByRole('textbox', { name: 'How you checked their identity' });
  await note.fill('');
  await note.pressSequentially('jkx');
  await expect(note).toHaveValue('jkx');
  await expect(second).toBeChecked();

  // Turned off (the page documents them), the letters do nothing in the list.
  await page.getByText('Keyboard shortcuts', { exact: true }).click();
  await page.getByRole('checkbox', { name: 'Use keyboard shortcuts in the list' }).uncheck();
  await first.focus();
  await page.keyboard.press('j');
  await expect(first).toBeFocused();
  await page.keyboard.press('x');
  await expect(first).not.toBeChecked();
  await expectNoAxeViolations(page);
});
