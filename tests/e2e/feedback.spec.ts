import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '../support/playwright-test.ts';
import { waitForEmail } from './mail.ts';
import { expectNoAxeViolations, SCAN_WIDTHS } from './support.ts';

/** With JavaScript on, wait until the island has hydrated so what we test is the enhanced form. */
async function openContactForm(page: Page): Promise<void> {
  await page.goto('/contact/');
  if (test.info().project.use.javaScriptEnabled !== false) {
    await page.locator('astro-island:not([ssr]) form[action="/api/feedback"]').waitFor({ state: 'attached' });
  }
}

interface Answers {
  type?: string;
  rightsRequest?: string;
  aboutOwnRecord?: 'Yes' | 'No';
  message?: string;
  topic?: string;
  replyBy?: string;
  email?: string;
  phone?: string;
  address?: { line1?: string; town?: string; postcode?: string };
  name?: string;
  dateOfBirth?: [string, string, string];
  homePostcode?: string;
}

/**
 * Answers the contact form as a person would: choices first, then the boxes they reveal. Each box
 * is left (blurred) before the next click, as a person tabbing on would, so a message that live
 * validation shows on leaving a box has moved the page before the next click lands.
 */
async function answer(page: Page, a: Answers): Promise<void> {
  const fill = async (label: string, value: string, exact = false) => {
    const box = page.getByLabel(label, { exact });
    await box.fill(value);
    await box.blur();
  };
  if (a.type) await page.getByLabel(a.type, { exact: true }).check();
  if (a.rightsRequest) await page.getByLabel(a.rightsRequest, { exact: true }).check();
  if (a.aboutOwnRecord) await page.getByLabel(a.aboutOwnRecord, { exact: true }).check();
  if (a.message !== undefined) await fill('Your message', a.message);
  if (a.topic !== undefined) await fill('Which page or topic is it about? (optional)', a.topic);
  if (a.replyBy) await page.getByLabel(a.replyBy, { exact: true }).check();
  if (a.email !== undefined) await fill('Email address', a.email);
  if (a.phone !== undefined) await fill('UK phone number', a.phone);
  if (a.address?.line1 !== undefined) await fill('Address line 1', a.address.line1);
  if (a.address?.town !== undefined) await fill('Town or city', a.address.town);
  if (a.address?.postcode !== undefined) await fill('Postcode', a.address.postcode, true);
  if (a.name !== undefined) await fill('Full name', a.name);
  if (a.dateOfBirth) {
    await fill('Day', a.dateOfBirth[0]);
    await fill('Month', a.dateOfBirth[1]);
    await fill('Year', a.dateOfBirth[2]);
  }
  if (a.homePostcode !== undefined) await fill('Home postcode', a.homePostcode);
}

/** Scrolls to "Was this page helpful?" (plain HTML on every content page, JavaScript or not). */
async function openPageHelpful(page: Page, path: string): Promise<void> {
  await page.goto(path);
  const block = page.locator('.clearshare-page-helpful-block');
  await block.scrollIntoViewIfNeeded();
  await expect(block.locator('script, astro-island:not([ssr])')).toHaveCount(0);
}

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send message' }).click();
}

async function expectConfirmation(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Message sent');
  const reference = (await page.locator('.clearshare-reference').textContent()) ?? '';
  expect(reference).toMatch(/^[A-HJ-NP-Y2-9]{2}[2-9][A-HJ-NP-Y2-9]{2}[2-9][A-HJ-NP-Y2-9]{2}$/);
  return reference;
}

test('the contact page says who reads messages, how soon, other routes and the ICO, and passes axe', async ({
  page,
}) => {
  await openContactForm(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact us');
  const main = page.locator('main');
  await expect(main).toContainText('we will contact you within 3 working days');
  await expect(main).toContainText('we will answer within one calendar month');
  await expect(main).toContainText('we aim to reply within 10 working days');
  await expect(main).toContainText('0113 496 0100');
  await expect(page.getByRole('link', { name: 'Make a complaint to the ICO' })).toHaveAttribute(
    'href',
    'https://ico.org.uk/make-a-complaint/',
  );
  await expect(main).toContainText('0303 123 1113');
  await expectNoAxeViolations(page, SCAN_WIDTHS);
});

test('a resident raises an anonymous concern', async ({ page }) => {
  await openContactForm(page);
  await answer(page, {
    type: 'A concern',
    message: 'I am worried that too many people can see records.',
    replyBy: 'No, I do not need a reply',
  });
  await send(page);
  await expectConfirmation(page);
  await expect(page.locator('main')).toContainText('You did not ask for a reply, so we will not contact you.');
  await expectNoAxeViolations(page, SCAN_WIDTHS);
});

test('a resident makes a complaint with an email reply, and the acknowledgement email holds none of it', async ({
  page,
}) => {
  const email = `complainant-${randomUUID()}@example.com`;
  const message = `Canary complaint text ${randomUUID()}: a receptionist read my record aloud.`;
  await openContactForm(page);
  await answer(page, {
    type: 'A complaint',
    aboutOwnRecord: 'No',
    message,
    replyBy: 'Yes, by email',
    email,
    name: 'Carol Complainant',
  });
  await send(page);
  const reference = await expectConfirmation(page);
  await expect(page.locator('main')).toContainText('to agree how we will look into your complaint');
  await expect(page.locator('main')).toContainText('We have sent an email to confirm we received it.');

  const received = await waitForEmail(email, reference);
  expect(received.subject).toContain(reference);
  expect(received.text).toContain('We will contact you by');
  expect(received.text + received.subject).not.toContain('Canary complaint text');
  expect(received.text + received.subject).not.toContain('receptionist');
  expect(received.text + received.subject).not.toContain('Carol');
});

test('a resident asks to see their information, with a reply by post', async ({ page }) => {
  await openContactForm(page);
  await answer(page, {
    type: 'A request about my own information',
    rightsRequest: 'Let me see my information',
    message: 'Please send me a copy of what the shared record holds about me.',
    replyBy: 'Yes, by post',
    address: { line1: '4 Mill Lane', town: 'Wyre Bridge', postcode: 'aw7 3rl' },
    name: 'Rita Requester',
    dateOfBirth: ['15', '3', '1984'],
  });
  await send(page);
  await expectConfirmation(page);
  await expect(page.locator('main')).toContainText('We will answer your request by');
  await expectNoAxeViolations(page);
});

const validationCases: { name: string; answers: Answers; expected: string[] }[] = [
  {
    name: 'an empty form',
    answers: {},
    expected: ['Select what your message is about', 'Enter your message', 'Select if you want a reply'],
  },
  {
    name: 'an anonymous rights request with nothing else',
    answers: { type: 'A request about my own information', replyBy: 'No, I do not need a reply' },
    expected: [
      'Select what you want us to do with your information',
      'Enter your message',
      'Select email, phone or post. We need a way to answer a request about your information',
      'Enter your full name',
      'Enter your date of birth',
      'Enter your home postcode, or select I do not have a UK postcode',
    ],
  },
  {
    name: 'a complaint with too much text and a broken email address',
    answers: {
      type: 'A complaint',
      message: 'x'.repeat(5001),
      topic: 't'.repeat(201),
      replyBy: 'Yes, by email',
      email: 'ann@',
    },
    expected: [
      'Select yes if your complaint is about your own record',
      'Your message must be 5,000 characters or fewer',
      'Page or topic must be 200 characters or fewer',
      'Enter an email address in the correct format, like name@example.com',
      'Enter your full name',
    ],
  },
  {
    name: 'a question with an incomplete postal address',
    answers: {
      type: 'A question',
      message: 'Hello',
      replyBy: 'Yes, by post',
      address: { postcode: 'nope' },
      name: 'A',
    },
    expected: [
      'Enter address line 1, typically the building and street',
      'Enter town or city',
      'Enter a full UK postcode, like SW1A 2AA',
    ],
  },
  {
    name: 'a rights request with a wrong phone number, date and postcode',
    answers: {
      type: 'A request about my own information',
      rightsRequest: 'Delete my information',
      message: 'Delete it',
      replyBy: 'Yes, by phone',
      phone: '12',
      name: 'Dee Leet',
      dateOfBirth: ['31', '2', '1990'],
      homePostcode: 'XX',
    },
    expected: [
      'Enter a UK phone number, like 01632 960 001 or 07700 900 982',
      'Date of birth must be a real date',
      'Enter a full UK postcode, like SW1A 2AA',
    ],
  },
  {
    name: 'empty contact boxes and a date of birth in the future',
    answers: {
      type: 'A complaint',
      aboutOwnRecord: 'Yes',
      message: 'Wrong allergy on my record',
      replyBy: 'Yes, by phone',
      name: 'Fay Future',
      dateOfBirth: ['1', '1', '2099'],
      homePostcode: 'AW1 2BT',
    },
    expected: ['Enter your phone number', 'Date of birth must be in the past'],
  },
  {
    name: 'an email reply with no address',
    answers: { type: 'A suggestion', message: 'More Easy Read', replyBy: 'Yes, by email', name: 'S' },
    expected: ['Enter your email address'],
  },
  {
    name: 'a postal reply with no postcode',
    answers: {
      type: 'A compliment',
      message: 'Thank you',
      replyBy: 'Yes, by post',
      address: { line1: '1 High St', town: 'Ashby' },
      name: 'C',
    },
    expected: ['Enter postcode'],
  },
];

for (const { name, answers, expected } of validationCases) {
  test(`the form explains each problem in plain words: ${name}`, async ({ page }) => {
    await openContactForm(page);
    await answer(page, answers);
    await send(page);
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.locator('li')).toHaveText(expected);
    // Each message is also beside its field, after the visually hidden "Error:".
    await expect(page.locator('.nhsuk-error-message')).toHaveText(expected.map((message) => `Error: ${message}`));
    if (answers.message && answers.message.length < 100) {
      await expect(page.getByLabel('Your message')).toHaveValue(answers.message);
    }
    if (name === 'an empty form' || name.startsWith('a rights request with a wrong')) {
      await expect(page).toHaveTitle(/^Error: Contact us/);
      await expectNoAxeViolations(page, SCAN_WIDTHS);
    }
  });
}

test('a reader says a page was not helpful and adds a comment', async ({ page }) => {
  await openPageHelpful(page, '/privacy-notice/');
  await page.getByRole('button', { name: /^No\b.*this page was not helpful$/ }).click();
  await expect(page.getByRole('heading', { name: 'Thank you for your feedback' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('What was missing or wrong? (optional)').fill('x'.repeat(1001));
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.locator('.nhsuk-error-message')).toHaveText(
    'Error: Your comment must be 1,000 characters or fewer',
  );

  await page.getByLabel('What was missing or wrong? (optional)').fill('It does not say how long you keep letters.');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await expect(page.getByText('Thank you. Your comment will help us improve this page.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a reader says a page was helpful and leaves without commenting', async ({ page }) => {
  await openPageHelpful(page, '/what-is-the-shared-care-record/');
  await page.getByRole('button', { name: /^Yes\b.*this page was helpful$/ }).click();
  await expect(page.getByLabel('What was useful? (optional)')).toBeVisible();
});

test('a double submit of the same form gives one reference', async ({ request }) => {
  const body = {
    idempotencyKey: randomUUID(),
    type: 'question',
    message: 'Is my record shared with care homes?',
    replyBy: 'none',
  };
  const first = await request.post('/api/feedback', { data: body });
  const second = await request.post('/api/feedback', { data: body });
  expect(first.status()).toBe(201);
  expect(second.status()).toBe(200);
  expect(await second.json()).toEqual(await first.json());
});
