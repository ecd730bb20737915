import postgres from 'postgres';
import { benchArguments } from './lib/arguments.ts';
import { Browser, crashJourneys, expectStatus, type Journey, measureJourneys } from './lib/journey.ts';
import { startPostgres } from './lib/server.ts';
import { feedbackBody } from './lib-feedback/bodies.ts';

/**
 * The contact form as residents send it without JavaScript: one URL-encoded post of the form's
 * fields (kind "contact"), answered by the confirmation page with the reference. A third are
 * complaints wanting an email reply, a third anonymous questions, a third rights requests. With
 * PostgreSQL beside a constant handler; then the crash run: every reference shown must be stored
 * once, with its acknowledgement email queued when an address was given.
 */
const args = benchArguments(`Usage: npm run bench -- feedback-journey [seconds, default 20] [clients, default 50]

The no-JavaScript contact form (one form post, the confirmation page) against PostgreSQL, beside
a constant handler; then 5 SIGKILLs while posts flow. Targets: >= 1000 posts/s, p99 <= 100 ms;
lost 0, duplicated 0. Needs PostgreSQL (apt-get install postgresql) and npm run build.`);
const seconds = args.count(0, 20, 'number of seconds');
const clients = args.count(1, 50, 'number of clients');

/** References whose sender gave an email address: their acknowledgement must be queued. */
const withEmail = new Set<string>();

const contactJourney =
  (baseUrl: string): Journey =>
  async (n, step) => {
    const browser = new Browser(baseUrl, `198.18.${(n >> 8) & 255}.${n & 255}`);
    const fields: Record<string, string> = { kind: 'contact', ...feedbackBody(n) };
    const sent = await step('form post', () =>
      browser.request('/api/feedback', { method: 'POST', body: new URLSearchParams(fields) }),
    );
    expectStatus('form post', sent, 200);
    const reference = /class="clearshare-reference"[^>]*>\s*([A-Z0-9-]+)\s*</.exec(sent.html)?.[1];
    if (!reference) throw new Error('form post: the page showed no reference');
    if (fields['replyBy'] === 'email') withEmail.add(reference);
    return reference;
  };

const pg = await startPostgres();
try {
  const figures = await measureJourneys('contact form, no JavaScript (PostgreSQL)', pg.url, contactJourney, {
    postgresDataDir: pg.cluster.dataDir,
    clients,
    seconds,
  });
  const post = figures.steps['form post'];
  const met = figures.journeysPerSecond >= 1000 && post !== undefined && post.p99 <= 100;
  process.stdout.write(`target (>= 1000 posts/s, p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n\n`);

  withEmail.clear();
  const crash = await crashJourneys(pg.url, contactJourney, { kills: 5 });
  const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  try {
    const unique = [...new Set(crash.references)];
    const rows = await sql<{ reference: string; copies: number; emails: number }[]>`
      select f.reference, count(*)::int as copies,
        (select count(*)::int from outbox_messages m where m.dedupe_key = 'feedback:' || f.reference || ':acknowledgement') as emails
      from feedback_items f where f.reference = any(${unique}) group by f.reference`;
    const lost = unique.length - rows.length;
    const duplicated = rows.filter((row) => row.copies > 1).length + (crash.references.length - unique.length);
    const missingEmails = rows.filter((row) => withEmail.has(row.reference) && row.emails !== 1).length;
    process.stdout.write(
      `crash: acknowledged ${crash.references.length}, stored ${rows.length}, lost ${lost}, duplicated ${duplicated}` +
        ` (acknowledgements not queued ${missingEmails}, attempts refused while down ${crash.refused})\n`,
    );
    process.exitCode = lost === 0 && duplicated === 0 && missingEmails === 0 ? 0 : 1;
  } finally {
    await sql.end();
  }
} finally {
  pg.cluster.stop();
}
