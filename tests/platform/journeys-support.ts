import postgres from 'postgres';
import { expectCommonHeaders, expectPagePolicy } from '../e2e/security-headers-support.ts';
import { expect, type Page, type Response, test } from '../support/playwright-test.ts';
import type { ReceivedEmail } from '../support/smtp-sink.ts';
import { platformEmails, platformState } from './state.ts';

/**
 * Helpers for the journeys against the deployed shape (tests/platform/journeys.spec.ts). The
 * local journeys' helpers read the local server's mail folder and account file; these read what
 * tests/platform/global-setup.ts started, for the deployment this project runs against.
 */

/** The deployment of this project: `direct` (PostgreSQL) or `pgbouncer` (transaction pooling). */
export function deployment() {
  const name = test.info().project.name;
  const found = platformState().deployments[name];
  if (!found) throw new Error(`No deployment called ${name}: see tests/platform/global-setup.ts`);
  return found;
}

/** A unique address for this journey in this deployment, so no two journeys share an email. */
export const uniqueEmail = (name: string) =>
  `${name}-${test.info().project.name}-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** Waits for the SMTP relay to receive an email to `to` mentioning `containing` (e.g. a reference). */
export async function waitForEmail(to: string, containing: string, timeoutMs = 15_000): Promise<ReceivedEmail> {
  let found: ReceivedEmail | undefined;
  await expect
    .poll(
      () => {
        found = platformEmails().find(
          (email) => email.to.includes(to) && `${email.subject}\n${email.text}`.includes(containing),
        );
        return Boolean(found);
      },
      { timeout: timeoutMs, message: `an email to ${to} mentioning ${containing}` },
    )
    .toBe(true);
  if (!found) throw new Error('unreachable');
  return found;
}

/** The path and query of the link to `path` in an email, which points at the deployment's address. */
export function linkIn(email: ReceivedEmail, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_-]+`).exec(email.text);
  if (!match) throw new Error(`No ${path} link in the email "${email.subject}"`);
  const url = new URL(match[0]);
  expect(url.origin, 'emailed links point at the site').toBe(deployment().url);
  return url.pathname + url.search;
}

/** Runs one query on the deployment's own database (a direct connection, for checks only). */
export async function query<Row extends Record<string, unknown>>(
  text: string,
  parameters: (string | number)[] = [],
): Promise<Row[]> {
  const sql = postgres(deployment().databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text, parameters)) as unknown as Row[];
  } finally {
    await sql.end();
  }
}

/** Today in London as the three boxes of a date input. */
export function todayParts(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year') };
}

/** Paths the functions answer (their `config.path`); everything else is the CDN's static site. */
export function isFunctionPath(pathname: string): boolean {
  return /^\/(api\/|staff(\/|$)|transparency\/?$)/.test(pathname);
}

/** Function answers that are the same for everyone, and say so: the public figures. */
const PUBLIC_ANSWERS = /^\/transparency\/$/;

interface SeenAnswer {
  label: string;
  pathname: string;
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * On Netlify a function's answer gets none of the site's custom headers, so every function must
 * set the security headers itself (secureFunction). Checks one answer: the common headers; on an
 * HTML page a policy whose only inline-script allowance is this answer's nonce (and, when the body
 * is known, that every script in it carries that nonce); `no-store` unless it is public.
 */
export function expectSecuredAnswer(answer: SeenAnswer): void {
  const { label, headers } = answer;
  expectCommonHeaders(headers, label);
  const cacheControl = headers['cache-control'] ?? '';
  if (PUBLIC_ANSWERS.test(answer.pathname) && answer.status === 200) {
    expect(cacheControl, `Cache-Control on ${label}`).toMatch(/^public, max-age=\d+/);
  } else {
    expect(cacheControl, `Cache-Control on ${label}`).toBe('no-store');
  }
  const html = (headers['content-type'] ?? '').includes('text/html');
  if (!html) return;
  const scripts = expectPagePolicy(headers, label).get('script-src') ?? [];
  const nonces = scripts.filter((source) => /^'nonce-[A-Za-z0-9+/=]{22,}'$/.test(source));
  expect(nonces, `one nonce in script-src on ${label}`).toHaveLength(1);
  if (answer.body === undefined) return;
  const nonce = (nonces[0] ?? '').slice("'nonce-".length, -1);
  const tags = [...answer.body.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  for (const tag of tags) {
    if (/type="application\/(ld\+)?json"/.test(tag)) continue;
    expect(tag, `script with this answer's nonce on ${label}`).toContain(`nonce="${nonce}"`);
  }
}

/** The same checks for an answer read with the `request` fixture. */
export async function expectSecuredApiAnswer(response: {
  url(): string;
  status(): number;
  headers(): Record<string, string>;
  text(): Promise<string>;
}): Promise<void> {
  const { pathname } = new URL(response.url());
  expectSecuredAnswer({
    label: `${response.status()} ${pathname}`,
    pathname,
    status: response.status(),
    headers: response.headers(),
    body: await response.text(),
  });
}

/**
 * Records every function answer the page receives (redirects included) and returns a check to run
 * at the end of the journey: each answer secured, and at least `atLeast` answers seen, so a
 * journey that silently stopped reaching the functions cannot pass.
 */
export function watchFunctionAnswers(page: Page): (atLeast?: number) => Promise<void> {
  const seen: Promise<SeenAnswer>[] = [];
  page.on('response', (response: Response) => {
    const { pathname } = new URL(response.url());
    if (!isFunctionPath(pathname)) return;
    const status = response.status();
    const readable = status < 300 || status >= 400;
    seen.push(
      (async () => ({
        label: `${response.request().method()} ${pathname} (${status})`,
        pathname,
        status,
        headers: await response.allHeaders(),
        // A page navigated away from may no longer give its body; the headers are still checked.
        body: readable ? await response.text().catch(() => undefined) : undefined,
      }))(),
    );
  });
  return async (atLeast = 1) => {
    const answers = await Promise.all(seen);
    expect(answers.length, 'function answers seen in this journey').toBeGreaterThanOrEqual(atLeast);
    for (const answer of answers) expectSecuredAnswer(answer);
  };
}
