import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { receivedEmails, waitForEmail } from './mail.ts';
import {
  answersOf,
  fillForm,
  jsEnabled,
  openForm,
  type Person,
  sendFromCheckPage,
  tinyPdf,
  tinyPng,
  uniqueEmail,
} from './opt-out-support.ts';
import { expectNoAxeViolations, SCAN_WIDTHS } from './support.ts';

async function expectEmailWithoutAnswers(to: string, reference: string, person: Person) {
  const email = await waitForEmail(to, reference);
  const text = `${email.subject}\n${email.text}`;
  for (const answer of answersOf(person)) expect(text, `email must not contain "${answer}"`).not.toContain(answer);
  return email;
}

const linkIn = (text: string, path: string) => {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_-]+`).exec(text);
  if (!match) throw new Error(`No ${path} link in the email`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
};

test('the start page explains opting out and offers routes without the internet', async ({ page }) => {
  await page.goto('/opt-out/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opt out of the shared care record');
  await expect(page.getByText('It does not change the national data opt-out')).toBeVisible();
  await expect(page.getByText('Call us on 0113 496 0100')).toBeVisible();
  await expect(page.getByText('Freepost AWSCR')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page).toHaveURL(/\/opt-out\/form\/$/);
  await expectNoAxeViolations(page);
});

test('an adult opts themselves out, and the email holds the reference but none of the answers', async ({ page }) => {
  const person: Person = {
    who: 'self',
    fullName: 'Adaline Quillfeather',
    dob: { day: '15', month: '3', year: '1984' },
    nhsNumber: '485 777 3457',
    postcode: 'AW1 2BT',
    email: uniqueEmail('adult'),
  };
  await openForm(page);
  await fillForm(page, person);
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.locator('.nhsuk-summary-list');
  await expect(summary).toContainText('Adaline Quillfeather');
  await expect(summary).toContainText('15 March 1984');
  await expect(summary).toContainText('485 777 3457');
  // Nothing personal in the address bar at any step.
  expect(page.url()).not.toMatch(/Quillfeather|4857773457|1984/);
  // Check your answers and the confirmation at every width (the other journeys scan them at one).
  const reference = await sendFromCheckPage(page, SCAN_WIDTHS);
  expect(page.url()).not.toContain('Quillfeather');
  const email = await expectEmailWithoutAnswers(person.email ?? '', reference, person);
  expect(email.text).toContain('/api/opt-out/confirm?token=');

  // The link in the email confirms the address.
  await page.goto(linkIn(email.text, '/api/opt-out/confirm'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for confirming your email address');
  await expectNoAxeViolations(page);
});

test('a parent opts out a child under 13 and uploads a birth certificate once', async ({ page }) => {
  const person: Person = {
    who: 'child',
    applicantName: 'Morwenna Pettigrew',
    applicantRelationship: 'Mother',
    fullName: 'Tobias Pettigrew',
    dob: { day: '2', month: '6', year: '2019' },
    postcode: 'AW7 3RL',
    address: { line1: '4 Mill Lane', town: 'Wyre Bridge' },
    email: uniqueEmail('parent'),
  };
  await openForm(page);
  await fillForm(page, person);
  await page
    .locator('#evidence')
    .setInputFiles({ name: 'birth-certificate.png', mimeType: 'image/png', buffer: tinyPng() });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-summary-list')).toContainText('birth-certificate.png');

  // Changing an answer keeps the file: it is not uploaded again (WCAG 3.3.7).
  await page.getByRole('link', { name: 'Change Full name' }).click();
  await expect(page.locator('#fullName')).toHaveValue('Tobias Pettigrew');
  await expect(page.getByText('You uploaded a file: birth-certificate.png')).toBeVisible();
  await page.locator('#fullName').fill('Tobias Jon Pettigrew');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-summary-list')).toContainText('Tobias Jon Pettigrew');
  await expect(page.locator('.nhsuk-summary-list')).toContainText('birth-certificate.png');

  const reference = await sendFromCheckPage(page);
  await expectEmailWithoutAnswers(person.email ?? '', reference, { ...person, fullName: 'Tobias Jon Pettigrew' });
});

test('a holder of a lasting power of attorney opts out the adult they act for, with a PDF', async ({ page }) => {
  const person: Person = {
    who: 'lpa',
    applicantName: 'Cedric Ashworth',
    applicantRelationship: 'Son and attorney',
    fullName: 'Winifred Ashworth',
    dob: { day: '30', month: '11', year: '1936' },
    address: { line1: 'Flat 2, Castle Court', town: 'Ashby' },
    postcode: 'AW2 4HG',
    email: uniqueEmail('lpa'),
    phone: '020 7946 0982',
  };
  await openForm(page);
  await fillForm(page, person);
  await page.locator('#evidence').setInputFiles({ name: 'lpa.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-summary-list')).toContainText('Not given'); // no NHS number
  await expect(page.locator('.nhsuk-summary-list')).toContainText('02079460982');
  const reference = await sendFromCheckPage(page);
  await expectEmailWithoutAnswers(person.email ?? '', reference, person);
});

test('pressing "Send request" twice gives one reference and one request', async ({ page }) => {
  const person: Person = {
    who: 'self',
    fullName: 'Bartholomew Twice',
    dob: { day: '1', month: '1', year: '1970' },
    nhsNumber: '943 476 5919',
    postcode: 'AW9 1TH',
    email: uniqueEmail('double'),
  };
  await openForm(page);
  await fillForm(page, person);
  await page.getByRole('button', { name: 'Continue' }).click();
  const key = await page.locator('input[name="idempotencyKey"]').inputValue();
  const reference = await sendFromCheckPage(page);
  // The same form posted again (a second click, a refresh, a resend after a dropped connection).
  const again = await page.request.post('/api/opt-out/submit', {
    form: { idempotencyKey: key, declaration: 'yes', website: '' },
  });
  expect(again.status()).toBe(200);
  expect(await again.text()).toContain(reference);
  await waitForEmail(person.email ?? '', reference);
  await page.waitForTimeout(1500); // time for a second email, if there were a second request
  expect(receivedEmails().filter((email) => email.to.includes(person.email ?? ''))).toHaveLength(1);
});

test('the JSON API gives 201 with a reference, and the same reference for a repeat', async ({ request }) => {
  test.skip(jsEnabled() === false, 'API only: run once');
  const body = {
    idempotencyKey: randomUUID(),
    who: 'self',
    fullName: 'Api Person',
    dateOfBirth: '1990-05-04',
    nhsNumber: '4857773457',
    postcode: 'AW1 2BT',
    email: uniqueEmail('api'),
    declaration: true,
  };
  const first = await request.post('/api/opt-out', { data: body });
  expect(first.status()).toBe(201);
  const { reference } = (await first.json()) as { reference: string };
  const second = await request.post('/api/opt-out', { data: body });
  expect(second.status()).toBe(200);
  expect(await second.json()).toEqual({ reference });
  const invalid = await request.post('/api/opt-out', {
    data: { ...body, idempotencyKey: randomUUID(), nhsNumber: '123' },
  });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toEqual({
    errors: [{ field: 'nhsNumber', message: 'Enter an NHS number with 10 digits, like 485 777 3457' }],
  });
});

async function summaryMessages(page: Page, step = ''): Promise<string[]> {
  await expect(page.locator('.nhsuk-error-summary'), `error summary focused ${step}`).toBeFocused();
  return page.locator('.nhsuk-error-summary__list a').allTextContents();
}

test('every validation error is shown in the summary and beside its field, with the answers kept', async ({ page }) => {
  test.setTimeout(120_000);
  await openForm(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await summaryMessages(page)).toEqual([
    'Select who you are opting out',
    'Enter the full name of the person opting out',
    'Enter date of birth',
    'Select yes if you know the NHS number',
    'Enter a postcode',
    'Enter an email address or a UK phone number, so we can contact you about this request',
  ]);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page, SCAN_WIDTHS);

  // Proxy questions, the address without an NHS number, and badly formed answers.
  await openForm(page);
  await page.getByLabel('A child under 13 I have parental responsibility for').check();
  await page.locator('#fullName').fill('Kept Name');
  await page.locator('#dateOfBirth').fill('31');
  await page.locator('#dateOfBirth-month').fill('2');
  await page.locator('#dateOfBirth-year').fill('2020');
  await page.locator('#nhsNumberKnown-2').check();
  await page.locator('#postcode').fill('not a postcode');
  await page.locator('#email').fill('name.example.com');
  await page.locator('#phone').fill('12345');
  // Enter sends the form from the last box (with JavaScript, leaving a box shows its message,
  // which moves the button under a pointer that is already on its way).
  await page.locator('#phone').press('Enter');
  expect(await summaryMessages(page)).toEqual([
    'Enter your full name',
    'Enter your relationship to the person you are opting out',
    'Date of birth must be a real date',
    'Enter address line 1, typically the building and street',
    'Enter town or city',
    'Enter a full UK postcode, like SW1A 2AA',
    'Enter an email address in the correct format, like name@example.com',
    'Enter a UK phone number, like 01632 960 001 or 07700 900 982',
  ]);
  await expect(page.locator('#fullName')).toHaveValue('Kept Name');
  await expect(page.locator('#postcode')).toHaveValue('not a postcode');
  await expect(page.locator('#fullName-error, #town-error').first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Ages that do not fit the route, a future date, a wrong NHS number.
  const cases: [string, string, string, string][] = [
    ['Myself', '2020', '', 'You must be 13 or over to opt out yourself. A parent can opt out a child under 13'],
    [
      'A child under 13 I have parental responsibility for',
      '2000',
      '',
      'The child must be under 13. Young people aged 13 or over can opt out themselves',
    ],
    [
      'An adult I am a court-appointed deputy for',
      '2012',
      '',
      'The person must be 18 or over for a lasting power of attorney or a deputyship',
    ],
    ['Myself', '2099', '', 'Date of birth must be in the past'],
    ['Myself', '1980', '485 777 3456', 'Check the NHS number. It is not a valid NHS number'],
    ['Myself', '1980', '48577734', 'Enter an NHS number with 10 digits, like 485 777 3457'],
    ['Myself', '80', '', 'Year must include 4 numbers'],
  ];
  for (const [who, year, nhs, message] of cases) {
    await openForm(page);
    await page.getByLabel(who, { exact: true }).check();
    if (who !== 'Myself') {
      await page.locator('#applicantName').fill('A Person');
      await page.locator('#applicantRelationship').fill('Guardian');
    }
    await page.locator('#fullName').fill('Someone');
    await page.locator('#dateOfBirth').fill('1');
    await page.locator('#dateOfBirth-month').fill('1');
    await page.locator('#dateOfBirth-year').fill(year);
    if (nhs) {
      await page.locator('#nhsNumberKnown').check();
      await page.locator('#nhsNumber').fill(nhs);
    } else {
      await page.locator('#nhsNumberKnown-2').check();
      await page.locator('#addressLine1').fill('1 High Street');
      await page.locator('#town').fill('Ashby');
    }
    await page.locator('#postcode').fill('AW1 2BT');
    await page.locator('#phone').fill('020 7946 0001');
    await page.locator('#phone').press('Enter');
    expect(await summaryMessages(page, `${who} ${year} ${nhs}`), `${who} ${year} ${nhs}`).toEqual([message]);
  }

  // A file that is not really a PDF, JPG or PNG (the server reads its bytes).
  await openForm(page);
  await fillForm(page, {
    who: 'deputy',
    applicantName: 'Dee Puty',
    applicantRelationship: 'Deputy',
    fullName: 'Some One',
    dob: { day: '1', month: '1', year: '1950' },
    nhsNumber: '485 777 3457',
    postcode: 'AW1 2BT',
    phone: '020 7946 0001',
  });
  await page
    .locator('#evidence')
    .setInputFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await summaryMessages(page, 'evidence')).toEqual(['The selected file must be a PDF, JPG or PNG']);
  await expect(page.locator('#fullName')).toHaveValue('Some One');
  await expectNoAxeViolations(page);

  // The declaration must be ticked.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending your request');
  await page.getByRole('button', { name: 'Send request' }).click();
  expect(await summaryMessages(page, 'declaration')).toEqual([
    'Confirm that the information is correct and that you have the right to ask for this',
  ]);
  await expectNoAxeViolations(page, SCAN_WIDTHS);
});

test('a person checks the status, then withdraws the opt-out through the emailed link', async ({ page }) => {
  const email = uniqueEmail('status');
  const created = await page.request.post('/api/opt-out', {
    data: {
      who: 'self',
      fullName: 'Status Checker',
      dateOfBirth: '1975-08-09',
      nhsNumber: '943 476 5919',
      postcode: 'AW1 2BT',
      email,
      declaration: true,
      idempotencyKey: randomUUID(),
    },
  });
  const { reference } = (await created.json()) as { reference: string };

  await openForm(page, '/opt-out/status/');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Check status' }).click();
  expect(await summaryMessages(page)).toEqual(['Enter your reference', 'Enter date of birth']);
  await expectNoAxeViolations(page, SCAN_WIDTHS);

  // A wrong date of birth gets the same answer as an unknown reference.
  const notFound = 'We could not find a request with those details. Check the reference number and date of birth';
  for (const [ref, year] of [
    [reference, '1976'],
    ['HK3BN7PD', '1975'],
  ] as const) {
    await openForm(page, '/opt-out/status/');
    await page.locator('#reference').fill(ref.toLowerCase());
    await page.locator('#dateOfBirth').fill('9');
    await page.locator('#dateOfBirth-month').fill('8');
    await page.locator('#dateOfBirth-year').fill(year);
    await page.getByRole('button', { name: 'Check status' }).click();
    expect(await summaryMessages(page)).toEqual([notFound]);
  }

  await openForm(page, '/opt-out/status/');
  await page.locator('#reference').fill(reference);
  await page.locator('#dateOfBirth').fill('9');
  await page.locator('#dateOfBirth-month').fill('8');
  await page.locator('#dateOfBirth-year').fill('1975');
  await page.getByRole('button', { name: 'Check status' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Opt-out request ${reference}`);
  await expect(page.locator('.nhsuk-summary-list')).toContainText('Received');
  await expect(page.locator('main')).not.toContainText('Status Checker');
  await expectNoAxeViolations(page, SCAN_WIDTHS);

  await page.getByRole('button', { name: 'Withdraw this opt-out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  await expectNoAxeViolations(page);
  const withdrawEmail = await waitForEmail(email, 'withdraw');
  expect(withdrawEmail.text).not.toContain('Status Checker');
  await page.goto(linkIn(withdrawEmail.text, '/api/opt-out/withdraw/confirm'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Withdraw your opt-out');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Withdraw my opt-out' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your opt-out has been withdrawn');

  const status = await page.request.post('/api/opt-out/status', { data: { reference, dateOfBirth: '1975-08-09' } });
  expect(((await status.json()) as { status: string }).status).toBe('withdrawn');
});

test('the paper form is printable and lists the same questions', async ({ page }) => {
  await page.goto('/opt-out/paper-form/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paper form: opt out of the shared care record');
  await expect(page.getByText('Freepost AWSCR')).toBeVisible();
  for (const label of ['NHS number', 'Date of birth', 'Your relationship to them', 'Email address']) {
    await expect(page.getByText(label, { exact: true }).first()).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
