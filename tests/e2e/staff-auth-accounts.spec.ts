import { expect, test } from '../support/playwright-test.ts';
import { waitForEmail } from './mail.ts';
import { setUpFromLink, signInAs } from './staff-support.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * An administrator invites a member of staff (the set-up link arrives by email), changes their
 * roles, and reads the audit log. Non-admins do not see or reach these screens.
 */

// Many screens, each scanned with axe (without JavaScript, in a fresh browser context per scan),
// on a machine shared with other work: the default 30 seconds is too tight.
test.describe.configure({ timeout: 120_000 });

test('an admin invites a member of staff, who sets up from the emailed link; the change is in the audit log', async ({
  page,
  browser,
}, testInfo) => {
  await signInAs(page, 'admin');
  const nav = page.getByRole('navigation', { name: 'Staff menu' });
  await nav.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff accounts');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Invite a member of staff' }).click();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter their full name');
  await expect(page.getByRole('alert')).toContainText('Select at least one role');
  await expectNoAxeViolations(page);

  const email = `invited-${testInfo.project.name}@staff.example`;
  await page.getByLabel('Full name').fill('Ivy Invited');
  await page.getByLabel('Work email address').fill(email);
  await page.getByLabel('Comms').check();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText('Invitation sent.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Information governance').check();
  await page.getByRole('button', { name: 'Save roles' }).click();
  await expect(page.getByText('Roles saved.')).toBeVisible();

  const invitation = await waitForEmail(email, '/staff/set-up?token=');
  const link = /http\S+\/staff\/set-up\?token=[\w-]{43}/.exec(invitation.text)?.[0] ?? '';
  expect(invitation.text).not.toContain('Ivy');
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await setUpFromLink(invitee, { key: 'invited', email, roles: ['comms', 'ig'], link });
  await context.close();

  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Action').fill('staff.roles');
  await page.getByRole('button', { name: 'Apply filter' }).click();
  await expect(page.getByRole('table')).toContainText('staff.roles');
  await expectNoAxeViolations(page);
});

test('someone without the admin role sees no Accounts menu, is refused the page, and can manage their own account', async ({
  page,
}) => {
  await signInAs(page, 'comms');
  await expect(
    page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Accounts' }),
  ).toHaveCount(0);
  const response = await page.goto('/staff/accounts');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  await expectNoAxeViolations(page);

  // Their own account page is theirs to use: a wrong current password gets an error summary.
  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await expectNoAxeViolations(page);
  await page.getByLabel('Current password').first().fill('not my password at all');
  await page.getByLabel('New password').fill('another quiet harbour lantern');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your current password correctly');
  await expectNoAxeViolations(page);
});
