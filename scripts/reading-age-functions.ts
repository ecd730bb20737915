import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optOutBody } from '../bench/lib/opt-out-bodies.ts';
import feedback from '../functions/feedback.ts';
import optOut from '../functions/opt-out.ts';
import optOutCheck from '../functions/opt-out-check.ts';
import optOutConfirm from '../functions/opt-out-confirm.ts';
import optOutStatus from '../functions/opt-out-status.ts';
import optOutSubmit from '../functions/opt-out-submit.ts';
import optOutWithdraw from '../functions/opt-out-withdraw.ts';
import transparency from '../functions/transparency.ts';
import { OPT_OUT_STATUSES } from '../src/domain/opt-out.ts';
import { EXAMPLE_REFERENCE } from '../src/domain/reference.ts';
import { openStore } from '../src/server/db/client.ts';
import { loadEnv } from '../src/server/env.ts';
import type { FunctionContext } from '../src/server/http/function-module.ts';
import {
  invalidRequestPage,
  notFoundPage,
  rejectedPage,
  tooManyPage,
  unavailablePage,
} from '../src/server/http/service-pages.tsx';
import { jsonToFormFields } from '../src/server/opt-out/json-input.ts';
import { draftExpiredPage, notWithdrawablePage, statusResultPage, usedLinkPage } from '../src/server/opt-out/pages.tsx';
import { installServices, type Services } from '../src/server/services.ts';
import { readSiteSettings } from '../src/server/site-settings.ts';
import { subscriptionPages } from './reading-age-subscriptions.ts';

/**
 * The pages residents meet that no build writes: the functions' answers (docs/reading-age.md).
 * Each is got as a browser without JavaScript gets it: a form post through the function's own
 * export, into the built page shell (dist/form-shell), against an embedded database in a temporary
 * folder. A resident's journey gives the opt-out pages in order (errors, check your answers,
 * confirmation, status, asking to withdraw); pages that only a fault shows (database down, too
 * many tries, an expired draft) are rendered by the functions that answer with them.
 */

const SITE = 'http://local';
let nextAddress = 0;
/** Each request from its own documentation address, so no rate limit is reached. */
const context = (): FunctionContext => {
  nextAddress += 1;
  return { params: {}, ip: `192.0.2.${nextAddress}` };
};

/** A form post from our own page, as a browser sends it. */
export function formPost(path: string, fields: Record<string, string>, cookie?: string): Request {
  return new Request(`${SITE}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: SITE,
      'sec-fetch-site': 'same-origin',
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

/** The value of a hidden field on a page, as the browser would send it back. */
const hiddenField = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** A page the function answered, failing loudly if it did not answer with the page expected. */
async function page(name: string, answer: Promise<Response>, status: number): Promise<[string, string]> {
  const response = await answer;
  const html = await response.text();
  if (response.status !== status || !html.includes('<main')) {
    const said = /<main[\s\S]*<\/main>/
      .exec(html)?.[0]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 300);
    throw new Error(`${name}: expected a ${status} page, got ${response.status}: ${said ?? html.slice(0, 200)}`);
  }
  return [`function: ${name}`, html];
}

async function optOutJourney(): Promise<[string, string][]> {
  const fields = jsonToFormFields(optOutBody(1)).fields;
  const { declaration: _, ...answers } = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  const pages = [await page('opt-out form with every error', optOut(formPost('/api/opt-out', {}), context()), 422)];
  const draft = await optOut(formPost('/api/opt-out', answers), context());
  const cookie = draft.headers.get('set-cookie')?.split(';')[0];
  if (draft.status !== 303 || !cookie) throw new Error(`opt-out form: expected a draft, got ${draft.status}`);
  const [checkName, check] = await page(
    'check your answers',
    optOutCheck(new Request(`${SITE}/api/opt-out/check`, { headers: { cookie } })),
    200,
  );
  const send = { idempotencyKey: hiddenField(check, 'idempotencyKey') };
  pages.push(
    [checkName, check],
    await page(
      'check your answers without the declaration',
      optOutSubmit(formPost('/api/opt-out/submit', send, cookie), context()),
      422,
    ),
  );
  const [doneName, done] = await page(
    'opt-out confirmation',
    optOutSubmit(formPost('/api/opt-out/submit', { ...send, declaration: 'yes' }, cookie), context()),
    200,
  );
  const reference = /\b[A-Z2-9]{8}\b/.exec(done.replace(/<[^>]+>/g, ' '))?.[0] ?? '';
  const status = {
    reference,
    dateOfBirthDay: answers['dateOfBirthDay'] ?? '',
    dateOfBirthMonth: answers['dateOfBirthMonth'] ?? '',
    dateOfBirthYear: answers['dateOfBirthYear'] ?? '',
  };
  pages.push(
    [doneName, done],
    await page('status form with every error', optOutStatus(formPost('/api/opt-out/status', {}), context()), 422),
    await page(
      'status not found',
      optOutStatus(formPost('/api/opt-out/status', { ...status, dateOfBirthYear: '1950' }), context()),
      422,
    ),
    await page('status of a request', optOutStatus(formPost('/api/opt-out/status', status), context()), 200),
    await page('asking to withdraw', optOutWithdraw(formPost('/api/opt-out/withdraw', status), context()), 200),
    await page(
      'an unknown email link',
      optOutConfirm(new Request(`${SITE}/api/opt-out/confirm?token=${'A'.repeat(43)}`)),
      404,
    ),
  );
  return pages;
}

async function contactPages(): Promise<[string, string][]> {
  const post = (fields: Record<string, string>) =>
    feedback(formPost('/api/feedback', { kind: 'contact', ...fields }), context());
  const question = { type: 'question', message: 'Who can see my record?', replyBy: 'none' };
  const vote = { kind: 'page-helpful', path: '/privacy-notice/', helpful: 'no' };
  const [voteName, voted] = await page('was this page helpful: the comment box', post(vote), 200);
  const comment = { ...vote, kind: 'page-helpful-comment', followUp: hiddenField(voted, 'followUp') };
  return [
    await page('contact form with every error', post({}), 422),
    await page('contact confirmation', post(question), 200),
    await page(
      'contact confirmation, a complaint',
      post({
        ...question,
        type: 'complaint',
        aboutOwnRecord: 'no',
        replyBy: 'email',
        name: 'Sam Example',
        email: 'resident@example.com',
      }),
      200,
    ),
    [voteName, voted],
    await page('was this page helpful: thanks', post({ ...comment, comment: 'The words were clear.' }), 200),
  ];
}

/** Pages only a fault or a misuse shows, rendered by the functions that answer with them. */
async function faultPages(services: Services): Promise<[string, string][]> {
  const { settings } = services;
  const dir = services.env.STATIC_DIR;
  const crossSite = new Request(`${SITE}/api/feedback`, {
    method: 'POST',
    headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
  });
  return [
    await page('database unavailable', unavailablePage(settings, dir), 503),
    await page('form refused (honeypot)', rejectedPage(settings, dir), 400),
    await page('too many tries', tooManyPage(settings, dir, 60), 429),
    await page('page not found', notFoundPage(dir), 404),
    await page('form could not be read', invalidRequestPage(dir, 413), 413),
    await page('form sent from another website', feedback(crossSite, context()), 403),
    await page('opt-out draft expired', draftExpiredPage(services), 410),
    await page('email link used already', usedLinkPage(services), 410),
    await page('withdrawal not open', notWithdrawablePage(services, 'AB2CD3EF', 'rejected'), 409),
  ];
}

/**
 * The status page at each step a request can reach (the journey above reaches the first only),
 * with every date that step would have, and the withdrawal asked for where it can be.
 */
function statusPages(services: Services): Promise<[string, string]>[] {
  const day = new Date('2026-11-02T10:00:00Z');
  return OPT_OUT_STATUSES.map((status, step) =>
    page(
      `status: ${status}`,
      statusResultPage(
        services,
        {
          reference: EXAMPLE_REFERENCE,
          status,
          receivedAt: day,
          contactConfirmedAt: step >= 1 ? day : null,
          identityCheckedAt: step >= 2 ? day : null,
          appliedAt: status === 'applied' ? day : null,
          withdrawalRequestedAt: status === 'withdrawn' ? day : null,
          withdrawnAt: status === 'withdrawn' ? day : null,
        },
        { reference: EXAMPLE_REFERENCE, dateOfBirthDay: '1', dateOfBirthMonth: '1', dateOfBirthYear: '1980' },
      ),
      200,
    ),
  );
}

/** Every function-rendered page a resident can meet, as [name, html], from the build in `distDir`. */
export async function functionPages(distDir: string, contentDir: string): Promise<[string, string][]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-reading-age-'));
  const store = await openStore({ dataDir });
  try {
    const services: Services = {
      env: loadEnv({ NODE_ENV: 'test', STATIC_DIR: distDir, CONTENT_DIR: contentDir }),
      store,
      keyring: { currentKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]), hmacKey: randomBytes(32) },
      // Nothing is sent: the emails are measured from their templates (scripts/email-docs.ts).
      mailer: { kind: 'file', send: async () => {}, verify: async () => {}, close: () => {} },
      settings: await readSiteSettings(contentDir),
      siteUrl: SITE,
    };
    installServices(services);
    return [
      await page('transparency', transparency(new Request(`${SITE}/transparency/`)), 200),
      ...(await optOutJourney()),
      ...(await contactPages()),
      ...(await subscriptionPages(distDir, page)),
      ...(await faultPages(services)),
      ...(await Promise.all(statusPages(services))),
    ];
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
