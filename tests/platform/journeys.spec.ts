import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { answersOf, fillForm, type Person, tinyPng } from '../e2e/opt-out-support.ts';
import { setUpFromLink, signInAgain, signOut } from '../e2e/staff-support.ts';
import { expect, type Page, test } from '../support/playwright-test.ts';
import {
  deployment,
  expectSecuredApiAnswer,
  linkIn,
  query,
  todayParts,
  uniqueEmail,
  waitForEmail,
  watchFunctionAnswers,
} from './journeys-support.ts';
import { platformEmails } from './state.ts';

/**
 * The journeys people take, against the site as Netlify deploys it: every function bundled by
 * Netlify's bundler and running outside the repository, behind the CDN stand-in, once on
 * PostgreSQL directly and once through pgbouncer in transaction mode (the two projects). Email
 * goes out through SMTP from the scheduled outbox function. The local journeys (tests/e2e) cover
 * every page, state and axe scan; these prove the same journeys work as deployed.
 */

const REFERENCE = /^[A-HJ-NP-Y2-9]{2}[2-9][A-HJ-NP-Y2-9]{2}[2-9][A-HJ-NP-Y2-9]{2}$/;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** An opt-out through the JSON API, as an API client (or a journey's first step) sends it. */
function optOutBody(email: string) {
  return {
    idempotencyKey: randomUUID(),
    who: 'self',
    fullName: 'Platform Person',
    dateOfBirth: '1975-08-09',
    nhsNumber: '943 476 5919',
    postcode: 'AW1 2BT',
    email,
    declaration: true,
  };
}

/** Check your answers → declaration → send → the reference on the confirmation page. */
async function sendFromCheckPage(page: Page): Promise<string> {
  await expect(h1(page)).toHaveText('Check your answers before sending your request');
  await page.getByLabel('I confirm that the information I have given is correct', { exact: false }).check();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(h1(page)).toHaveText('Request received');
  const reference = (await page.getByTestId('reference').textContent()) ?? '';
  expect(reference).toMatch(REFERENCE);
  return reference;
}

/** The confirmation email: the reference and the confirm link, none of the answers. */
async function expectConfirmationEmail(person: Person, reference: string) {
  const email = await waitForEmail(person.email ?? '', reference);
  expect(email.subject).toContain(reference);
  for (const answer of answersOf(person)) expect(email.text, `email holds "${answer}"`).not.toContain(answer);
  return email;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an adult opts themselves out, and the link in the email confirms their address', async ({ page }) => {
    const secured = watchFunctionAnswers(page);
    const person: Person = {
      who: 'self',
      fullName: 'Adaline Quillfeather',
      dob: { day: '15', month: '3', year: '1984' },
      nhsNumber: '485 777 3457',
      postcode: 'AW1 2BT',
      email: uniqueEmail('self'),
    };
    await page.goto('/opt-out/form/');
    await fillForm(page, person);
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.nhsuk-summary-list');
    await expect(summary).toContainText('Adaline Quillfeather');
    await expect(summary).toContainText('15 March 1984');
    await expect(summary).toContainText('485 777 3457');
    const reference = await sendFromCheckPage(page);

    const email = await expectConfirmationEmail(person, reference);
    await page.goto(linkIn(email, '/api/opt-out/confirm'));
    await expect(h1(page)).toHaveText('Thank you for confirming your email address');
    await expect(page.locator('main')).toContainText(reference);
    const [request] = await query<{ status: string }>('select status from opt_out_requests where reference = $1', [
      reference,
    ]);
    expect(request?.status).toBe('contact-confirmed');
    await secured(4);
  });

  test('a parent opts out their child under 13, with a birth certificate', async ({ page }) => {
    const secured = watchFunctionAnswers(page);
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
    const file = { name: 'birth-certificate.png', mimeType: 'image/png', buffer: tinyPng() };
    await page.goto('/opt-out/form/');
    await fillForm(page, person);
    await page.locator('#evidence').setInputFiles(file);
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.nhsuk-summary-list');
    await expect(summary).toContainText('birth-certificate.png');
    await expect(summary).toContainText('Morwenna Pettigrew');
    await expect(summary).toContainText('4 Mill Lane');
    const reference = await sendFromCheckPage(page);
    await expectConfirmationEmail(person, reference);
    // The file went from the draft to the request, its type read from its bytes.
    const evidence = await query<{ content_type: string; byte_size: number; route: string }>(
      `select e.content_type, e.byte_size, r.route from opt_out_evidence e
         join opt_out_requests r on r.id = e.request_id where r.reference = $1`,
      [reference],
    );
    expect(evidence).toEqual([{ content_type: 'image/png', byte_size: file.buffer.length, route: 'child' }]);
    await secured(3);
  });

  test('a resident asks a question by the contact form, after fixing what it asked for', async ({ page }) => {
    const secured = watchFunctionAnswers(page);
    const email = uniqueEmail('question');
    await page.goto('/contact/');
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(page).toHaveTitle(/^Error: Contact us/);
    await expect(page.locator('.nhsuk-error-summary li')).toHaveText([
      'Select what your message is about',
      'Enter your message',
      'Select if you want a reply',
    ]);
    await page.getByLabel('A question', { exact: true }).check();
    await page.getByLabel('Your message').fill(`Canary question ${randomUUID()}: is my record shared with care homes?`);
    await page.getByLabel('Yes, by email', { exact: true }).check();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Full name').fill('Quentin Questioner');
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(h1(page)).toHaveText('Message sent');
    const reference = (await page.locator('.clearshare-reference').textContent()) ?? '';
    expect(reference).toMatch(REFERENCE);

    const received = await waitForEmail(email, reference);
    expect(received.subject).toContain(reference);
    expect(received.text).toContain('We aim to reply by');
    expect(received.text + received.subject).not.toMatch(/Canary question|Quentin/);
    await secured(2);
  });

  test('a reader says one page was not helpful and another was, each with a comment', async ({ page }) => {
    const secured = watchFunctionAnswers(page);
    const votes = [
      { path: '/privacy-notice/', button: /^No\b.*this page was not helpful$/, label: 'What was missing or wrong?' },
      { path: '/what-is-the-shared-care-record/', button: /^Yes\b.*this page was helpful$/, label: 'What was useful?' },
    ];
    for (const vote of votes) {
      await page.goto(vote.path);
      await page.getByRole('button', { name: vote.button }).click();
      await expect(page.getByRole('heading', { name: 'Thank you for your feedback' })).toBeVisible();
      await page.getByLabel(`${vote.label} (optional)`).fill('The page does not say how long you keep letters.');
      await page.getByRole('button', { name: 'Send comment' }).click();
      await expect(page.getByText('Thank you. Your comment will help us improve this page.')).toBeVisible();
    }
    const saved = await query<{ path: string; helpful: boolean; commented: boolean }>(
      `select distinct on (path) path, helpful,
              comment_encrypted is not null and commented_at is not null as commented
         from page_feedback where path in ($1, $2) order by path, id desc`,
      ['/privacy-notice/', '/what-is-the-shared-care-record/'],
    );
    expect(saved).toEqual([
      { path: '/privacy-notice/', helpful: false, commented: true },
      { path: '/what-is-the-shared-care-record/', helpful: true, commented: true },
    ]);
    await secured(4);
  });
});

test('an API client sends an opt-out as JSON, and a repeat with the same key gets the same reference', async ({
  request,
}) => {
  const body = optOutBody(uniqueEmail('api'));
  const first = await request.post('/api/opt-out', { data: body });
  expect(first.status()).toBe(201);
  await expectSecuredApiAnswer(first);
  const { reference } = (await first.json()) as { reference: string };
  expect(reference).toMatch(REFERENCE);
  const again = await request.post('/api/opt-out', { data: body });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ reference });
  await expectSecuredApiAnswer(again);
  const stored = await query<{ count: string }>('select count(*) from opt_out_requests where reference = $1', [
    reference,
  ]);
  expect(stored).toEqual([{ count: '1' }]);
  // One request, one email.
  await waitForEmail(body.email, reference);
  expect(platformEmails().filter((email) => email.to.includes(body.email))).toHaveLength(1);
});

test('a person confirms their address by the emailed link, checks the status and withdraws by the next link', async ({
  page,
}) => {
  const secured = watchFunctionAnswers(page);
  const body = optOutBody(uniqueEmail('status'));
  const created = await page.request.post('/api/opt-out', { data: body });
  expect(created.status()).toBe(201);
  const { reference } = (await created.json()) as { reference: string };

  // The link in the confirmation email confirms the address; the status page then says so.
  const confirmation = await waitForEmail(body.email, reference);
  await page.goto(linkIn(confirmation, '/api/opt-out/confirm'));
  await expect(h1(page)).toHaveText('Thank you for confirming your email address');
  await page.goto('/opt-out/status/');
  await page.waitForSelector('astro-island:not([ssr])');
  await page.locator('#reference').fill(reference.toLowerCase());
  await page.locator('#dateOfBirth').fill('9');
  await page.locator('#dateOfBirth-month').fill('8');
  await page.locator('#dateOfBirth-year').fill('1975');
  await page.getByRole('button', { name: 'Check status' }).click();
  await expect(h1(page)).toHaveText(`Opt-out request ${reference}`);
  await expect(page.locator('.nhsuk-summary-list')).toContainText('Contact details confirmed');
  await expect(page.locator('main')).not.toContainText('Platform Person');

  await page.getByRole('button', { name: 'Withdraw this opt-out' }).click();
  await expect(h1(page)).toHaveText('Check your email');
  const withdrawal = await waitForEmail(body.email, '/api/opt-out/withdraw/confirm?token=');
  expect(withdrawal.text).toContain(reference);
  expect(withdrawal.text).not.toContain('Platform Person');
  await page.goto(linkIn(withdrawal, '/api/opt-out/withdraw/confirm'));
  await expect(h1(page)).toHaveText('Withdraw your opt-out');
  await page.getByRole('button', { name: 'Withdraw my opt-out' }).click();
  await expect(h1(page)).toHaveText('Your opt-out has been withdrawn');

  const status = await page.request.post('/api/opt-out/status', { data: { reference, dateOfBirth: '1975-08-09' } });
  expect(status.status()).toBe(200);
  await expectSecuredApiAnswer(status);
  const json = (await status.json()) as Record<string, string | null>;
  expect(json['status']).toBe('withdrawn');
  expect(json['contactConfirmedAt']).not.toBeNull();
  expect(json['withdrawnAt']).not.toBeNull();
  await secured(5);
});

test('a resident makes a complaint by the contact form with JavaScript, and is emailed the reference', async ({
  page,
}) => {
  const secured = watchFunctionAnswers(page);
  const email = uniqueEmail('complaint');
  await page.goto('/contact/');
  await page.locator('astro-island:not([ssr]) form[action="/api/feedback"]').waitFor({ state: 'attached' });
  // Each box is left before the next click, as live validation expects of a person tabbing on.
  const fill = async (label: string, value: string) => {
    const box = page.getByLabel(label);
    await box.fill(value);
    await box.blur();
  };
  await page.getByLabel('A complaint', { exact: true }).check();
  await page.getByLabel('No', { exact: true }).check();
  await fill('Your message', `Canary complaint ${randomUUID()}: a receptionist read my record aloud.`);
  await page.getByLabel('Yes, by email', { exact: true }).check();
  await fill('Email address', email);
  await fill('Full name', 'Carol Complainant');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(h1(page)).toHaveText('Message sent');
  const reference = (await page.locator('.clearshare-reference').textContent()) ?? '';
  expect(reference).toMatch(REFERENCE);
  await expect(page.locator('main')).toContainText('We have sent an email to confirm we received it.');

  const received = await waitForEmail(email, reference);
  expect(received.subject).toContain(reference);
  expect(received.text).toContain('We will contact you by');
  expect(received.text + received.subject).not.toMatch(/Canary complaint|receptionist|Carol/);
  await secured(1);
});

test('an IG officer sets up their account, signs in, takes an opt-out to applied and exports it for GP systems', async ({
  page,
}) => {
  const secured = watchFunctionAnswers(page);
  const body = optOutBody(uniqueEmail('staff'));
  const created = await page.request.post('/api/opt-out', { data: body });
  const { reference } = (await created.json()) as { reference: string };
  expect(reference).toMatch(REFERENCE);

  // Each test that signs in uses an account of its own (four per role per deployment); a retry
  // takes the next one, because a set-up link works once.
  const key = `ig-${1 + test.info().retry}`;
  const email = `${key}@${test.info().project.name}.staff.example`;
  const link = deployment().staff[email];
  if (!link) throw new Error(`No set-up link for ${email}`);
  const credentials = await setUpFromLink(page, { key, email, roles: ['ig'], link });
  await page.getByRole('link', { name: 'Continue to staff home' }).click();
  await expect(h1(page)).toHaveText('Staff home');
  await signOut(page);
  await signInAgain(page, credentials);

  await page.getByRole('navigation', { name: 'Staff menu' }).getByRole('link', { name: 'Opt-outs' }).click();
  await expect(h1(page)).toHaveText('Opt-outs');
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText('Received');
  await row.getByRole('link', { name: reference }).click();
  await expect(h1(page)).toContainText(reference);
  await expect(page.locator('main')).toContainText('Platform Person');
  await expect(page.locator('main')).toContainText('943 476 5919');

  const done = page.getByRole('status');
  await page.getByRole('button', { name: 'I have confirmed their contact details' }).click();
  await expect(done).toContainText('Contact details recorded as confirmed');
  await page.getByLabel('How did you check their identity?').fill('Called them; details match the GP record.');
  await page.getByRole('button', { name: 'Record identity check' }).click();
  await expect(done).toContainText('Identity check recorded');
  const today = todayParts();
  await page.locator('#date').fill(today.day);
  await page.locator('#date-month').fill(today.month);
  await page.locator('#date-year').fill(today.year);
  await page.getByRole('button', { name: 'Record opt-out applied' }).click();
  await expect(done).toContainText('Opt-out recorded as applied');
  await expect(page.locator('.nhsuk-summary-list').first()).toContainText('Applied');

  await page.getByRole('link', { name: 'Back to opt-outs' }).click();
  await expect(h1(page)).toHaveText('Opt-outs');
  const exportPage = page.waitForResponse(
    (response) =>
      response.request().method() === 'GET' && new URL(response.url()).pathname === '/staff/opt-outs/export',
  );
  await page.getByRole('link', { name: 'Export changes for GP systems (CSV)' }).click();
  const answer = await exportPage;
  // What the function sent, named in the failure, so a broken answer is told apart from a slow one.
  const sent = `${answer.status()} ${answer.headers()['content-type'] ?? ''} ${answer.headers()['content-encoding'] ?? ''}`;
  expect(answer.status(), `the export page answered ${sent}`).toBe(200);
  await expect(h1(page), `the export page (${sent}) shows its heading`).toHaveText('Export changes for GP systems');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^opt-out-changes-batch-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path()) ?? '', 'utf8');
  const line = csv.split('\r\n').find((l) => l.startsWith(`"${reference}"`)) ?? '';
  expect(line).toContain('"9434765919"');
  expect(line).toContain('"416409005"');
  expect(line).toContain('Refused consent for upload to local shared electronic record');
  await secured(10);
});

test('the public figures, the health check and the policy-violation reports answer as deployed', async ({
  request,
}) => {
  const figures = await request.get('/transparency/');
  expect(figures.status()).toBe(200);
  await expectSecuredApiAnswer(figures);
  const html = await figures.text();
  expect(html).toContain('<h1');
  expect(html).toContain('Our figures');
  expect(html).toContain('Opt-outs each month');
  expect(html).toContain('Messages we got, by type');

  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  await expectSecuredApiAnswer(health);
  // The public sees only the word; the detail (postgres, smtp, counts) is on /staff/mail.
  expect(await health.json()).toEqual({ status: 'ok' });

  const report = await request.post('/api/csp-report', {
    headers: { 'content-type': 'application/csp-report' },
    data: JSON.stringify({
      'csp-report': {
        'document-uri': `${deployment().url}/opt-out/form/`,
        'violated-directive': 'script-src-elem',
        'effective-directive': 'script-src-elem',
        'blocked-uri': 'https://evil.example/x.js',
        disposition: 'enforce',
      },
    }),
  });
  expect(report.status()).toBe(204);
  expect(await report.text()).toBe('');
  await expectSecuredApiAnswer(report);
});

test('the outbox and retention functions answer the scheduler as Netlify invokes them', async ({ request }) => {
  const { origins } = deployment();
  const invoke = async (name: string) => {
    const origin = origins[name];
    if (!origin) throw new Error(`No origin for ${name}`);
    const answer = await request.post(`${origin}/.netlify/functions/${name}`, {
      headers: { 'content-type': 'application/json', 'user-agent': 'Netlify Clockwork' },
      data: JSON.stringify({ next_run: new Date(Date.now() + 60_000).toISOString() }),
    });
    expect(answer.status(), `${name} answered`).toBe(200);
    expect(answer.headers()['content-type']).toContain('application/json');
    // No security headers asserted here: a scheduled function has no URL on a published deploy
    // (only the scheduler reaches it), and these two answer without secureFunction.
    return (await answer.json()) as Record<string, unknown>;
  };
  const outbox = await invoke('outbox-dispatch');
  expect(Object.keys(outbox).sort()).toEqual(['dead', 'failed', 'results', 'sent', 'updates']);
  for (const count of Object.values(outbox)) expect(count).toEqual(expect.any(Number));
  const retention = await invoke('retention');
  expect(Object.keys(retention).sort()).toEqual([
    'consultations',
    'drafts',
    'emails',
    'feedback',
    'optOuts',
    'pageComments',
    'rateLimits',
    'subscriptions',
  ]);
  for (const count of Object.values(retention)) expect(count).toEqual(expect.any(Number));
});
