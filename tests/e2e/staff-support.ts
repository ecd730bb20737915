import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { generate } from 'otplib';
import type { StaffRole } from '../../src/domain/staff.ts';

/**
 * Signing staff in for the end-to-end journeys — always through the real screens (set-up link →
 * password → authenticator → recovery codes, or sign-in → code), never by writing cookies.
 * The accounts are made before the server starts by scripts/e2e-server.ts, which writes their
 * one-time set-up links to E2E_DATA_DIR/staff-accounts.json.
 */
export interface StaffAccountLink {
  key: string;
  email: string;
  roles: StaffRole[];
  link: string;
}

/** What a test needs to sign the same person in again. */
export interface StaffCredentials {
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

function dataDir(): string {
  const dir = process.env['E2E_DATA_DIR'];
  if (!dir) throw new Error('E2E_DATA_DIR is not set: run the journeys through playwright.config.ts');
  return dir;
}

export function staffAccountLinks(): StaffAccountLink[] {
  return JSON.parse(readFileSync(join(dataDir(), 'staff-accounts.json'), 'utf8')) as StaffAccountLink[];
}

/**
 * Takes an unused account (set-up links work once). Journeys run in parallel worker processes,
 * so the claim is a directory made atomically: only one worker can create it.
 */
export function claimAccount(filter: (account: StaffAccountLink) => boolean): StaffAccountLink {
  const claims = join(dataDir(), 'staff-claims');
  mkdirSync(claims, { recursive: true });
  for (const account of staffAccountLinks().filter(filter)) {
    try {
      mkdirSync(join(claims, account.key));
      return account;
    } catch {
      // Taken by another journey: try the next one.
    }
  }
  throw new Error('No unused staff account left: raise POOL_PER_ROLE in scripts/e2e-server.ts');
}

/** The code an authenticator app would show, `offsetSeconds` from now. */
export function totpCode(secret: string, offsetSeconds = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/** Completes set-up from a link and lands on the recovery codes page (signed in). */
export async function setUpFromLink(page: Page, account: StaffAccountLink): Promise<StaffCredentials> {
  const url = new URL(account.link);
  await page.goto(`${url.pathname}${url.search}`);
  const password = 'plum tractor violet harbour';
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up your authenticator app');
  const secret = (await page.locator('#totp-secret').getAttribute('data-secret')) ?? '';
  await page.getByLabel('Code from your app').fill(await totpCode(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Save your recovery codes');
  const recoveryCodes = await page.locator('#recovery-codes li').allTextContents();
  return { email: account.email, password, secret, recoveryCodes };
}

/** A browser signed in as a fresh member of staff with this role, on the staff home page. */
export async function signInAs(page: Page, role: StaffRole): Promise<StaffCredentials> {
  const account = claimAccount((candidate) => candidate.key.startsWith(`${role}-`));
  const credentials = await setUpFromLink(page, account);
  await page.getByRole('link', { name: 'Continue to staff home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff home');
  return credentials;
}

/**
 * Signs in again through the sign-in screens. The code is the next 30-second step's: the server
 * accepts one step of drift but never a step already used (set-up just used the current one).
 */
export async function signInAgain(page: Page, credentials: StaffCredentials): Promise<void> {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Email address').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Enter the code from your authenticator app').fill(await totpCode(credentials.secret, 30));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff home');
}

/** Signs out with the header's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
}

/** Robin Example asks to see their information (a rights request), through the real endpoint; returns its reference. */
export async function sendRightsRequest(request: APIRequestContext): Promise<string> {
  const sent = await request.post('/api/feedback', {
    data: {
      kind: 'contact',
      type: 'rights-request',
      rightsRequest: 'see',
      message: 'Please send me a copy of what you hold about me.',
      replyBy: 'email',
      email: 'robin@example.com',
      name: 'Robin Example',
      dateOfBirthDay: '2',
      dateOfBirthMonth: '3',
      dateOfBirthYear: '1970',
      postcode: 'AW1 2BT',
      idempotencyKey: randomUUID(),
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const { reference } = await sent.json();
  return reference;
}
