import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

/** Someone to opt out; every journey makes its own, so journeys never share data. */
export interface Person {
  who: 'self' | 'child' | 'lpa' | 'deputy';
  applicantName?: string;
  applicantRelationship?: string;
  fullName: string;
  dob: { day: string; month: string; year: string };
  nhsNumber?: string;
  address?: { line1: string; town: string };
  postcode: string;
  email?: string;
  phone?: string;
}

export const WHO_LABELS = {
  self: 'Myself',
  child: 'A child under 13 I have parental responsibility for',
  lpa: 'An adult I have a lasting power of attorney for health and welfare for',
  deputy: 'An adult I am a court-appointed deputy for',
} as const;

/** A unique email address for this journey, in this project. */
export const uniqueEmail = (name: string) =>
  `${name}-${test.info().project.name}-${randomUUID().slice(0, 8)}@example.com`;

export const jsEnabled = () => test.info().project.use.javaScriptEnabled !== false;

/** Waits until the form's island has hydrated (with JavaScript on), so live validation is active. */
export async function openForm(page: Page, path = '/opt-out/form/'): Promise<void> {
  await page.goto(path);
  if (jsEnabled()) await page.waitForSelector('astro-island:not([ssr])');
}

export async function fillForm(page: Page, person: Person): Promise<void> {
  await page.getByLabel(WHO_LABELS[person.who], { exact: true }).check();
  if (person.applicantName) await page.locator('#applicantName').fill(person.applicantName);
  if (person.applicantRelationship) await page.locator('#applicantRelationship').fill(person.applicantRelationship);
  await page.locator('#fullName').fill(person.fullName);
  await page.locator('#dateOfBirth').fill(person.dob.day);
  await page.locator('#dateOfBirth-month').fill(person.dob.month);
  await page.locator('#dateOfBirth-year').fill(person.dob.year);
  if (person.nhsNumber) {
    await page.locator('#nhsNumberKnown').check();
    await page.locator('#nhsNumber').fill(person.nhsNumber);
  } else {
    await page.locator('#nhsNumberKnown-2').check();
  }
  if (person.address) {
    await page.locator('#addressLine1').fill(person.address.line1);
    await page.locator('#town').fill(person.address.town);
  }
  await page.locator('#postcode').fill(person.postcode);
  if (person.email) await page.locator('#email').fill(person.email);
  if (person.phone) await page.locator('#phone').fill(person.phone);
}

/** Continue → check answers (asserted) → declaration → send → the reference; axe at `widths` if given. */
export async function sendFromCheckPage(page: Page, widths?: readonly number[]): Promise<string> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
  await expectNoAxeViolations(page, widths);
  await page.getByLabel('I confirm that the information I have given is correct', { exact: false }).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Request received');
  await expectNoAxeViolations(page, widths);
  const reference = (await page.getByTestId('reference').textContent()) ?? '';
  expect(reference).toMatch(/^[A-HJ-NP-Y2-9]{2}[2-9][A-HJ-NP-Y2-9]{2}[2-9][A-HJ-NP-Y2-9]{2}$/);
  return reference;
}

/**
 * A resident opts out for themself with the staff journeys' usual details (no email address
 * unless given, so contact waits for staff to confirm it); returns the reference.
 */
export async function sendOptOut(page: Page, fullName: string, email?: string): Promise<string> {
  await openForm(page);
  await fillForm(page, {
    who: 'self',
    fullName,
    dob: { day: '3', month: '4', year: '1971' },
    nhsNumber: '943 476 5919',
    postcode: 'AW1 2BT',
    phone: '020 7946 0123',
    ...(email ? { email } : {}),
  });
  await page.getByRole('button', { name: 'Continue' }).click();
  return sendFromCheckPage(page);
}

/** The texts an email must never contain for this person. */
export function answersOf(person: Person): string[] {
  const { day, month, year } = person.dob;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const d = day.padStart(2, '0');
  const m = month.padStart(2, '0');
  return [
    person.fullName,
    ...person.fullName.split(' '),
    ...(person.applicantName ? [person.applicantName] : []),
    `${year}-${m}-${d}`,
    `${d}/${m}/${year}`,
    `${Number(day)} ${months[Number(month) - 1]} ${year}`,
    ...(person.nhsNumber ? [person.nhsNumber, person.nhsNumber.replace(/\D/g, '')] : []),
    ...(person.address ? [person.address.line1] : []),
    person.postcode,
  ];
}

/** A tiny valid PNG (1×1 pixel), made in the test rather than kept as a binary fixture. */
export const tinyPng = () =>
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** A tiny valid PDF. */
export const tinyPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
