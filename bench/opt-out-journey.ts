import postgres from 'postgres';
import { jsonToFormFields } from '../src/server/opt-out/json-input.ts';
import { benchArguments } from './lib/arguments.ts';
import { Browser, crashJourneys, expectStatus, hiddenFields, type Journey, measureJourneys } from './lib/journey.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';
import { startPostgres } from './lib/server.ts';

/**
 * The opt-out as residents make it: a browser without JavaScript posts the form, reads "Check
 * your answers", then sends. One journey in ten is someone acting for another person (a lasting
 * power of attorney) with a 200 KB PDF as evidence, posted as multipart as a browser does. With
 * PostgreSQL, beside a constant handler in the same run; then the crash run (the server SIGKILLed
 * five times while journeys flow): every reference a resident was shown must be stored once, with
 * its email queued and, for proxies, its evidence attached.
 */
const args = benchArguments(`Usage: npm run bench -- opt-out-journey [seconds, default 20] [clients, default 50]

The three-request browser opt-out (form post, check answers, send; 1 in 10 a proxy with a 200 KB
PDF) against PostgreSQL, beside a constant handler; then 5 SIGKILLs while journeys flow. Targets:
>= 400 journeys/s, send step p99 <= 100 ms; lost 0, duplicated 0.
Needs PostgreSQL (apt-get install postgresql) and npm run build.`);
const seconds = args.count(0, 20, 'number of seconds');
const clients = args.count(1, 50, 'number of clients');

/** A file a browser would upload: a small PDF padded to 200 KB (the evidence check reads its header). */
const pdf = new Uint8Array(200 * 1024).fill(0x20);
pdf.set(new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\n'), 0);
pdf.set(new TextEncoder().encode('\ntrailer<<>>\n%%EOF\n'), pdf.length - 20);

const optOutJourney =
  (baseUrl: string): Journey =>
  async (n, step) => {
    const browser = new Browser(baseUrl, `198.18.${(n >> 8) & 255}.${n & 255}`);
    const { fields } = jsonToFormFields(optOutBody(n));
    delete fields['declaration'];
    delete fields['idempotencyKey'];
    let body: URLSearchParams | FormData = new URLSearchParams(fields);
    if (n % 10 === 9) {
      const form = new FormData();
      for (const [name, value] of Object.entries({
        ...fields,
        who: 'lpa',
        applicantName: `Bench Attorney ${n}`,
        applicantRelationship: 'Daughter',
      }))
        form.append(name, value);
      form.append('evidence', new Blob([pdf], { type: 'application/pdf' }), 'lasting-power-of-attorney.pdf');
      body = form;
    }
    const posted = await step('1 form post', () => browser.request('/api/opt-out', { method: 'POST', body }));
    expectStatus('form post', posted, 303);
    const check = await step('2 check your answers', () => browser.request(posted.location ?? '/api/opt-out/check'));
    expectStatus('check your answers', check, 200);
    const send = new URLSearchParams({ ...hiddenFields(check.html), declaration: 'yes' });
    const sent = await step('3 send', () => browser.request('/api/opt-out/submit', { method: 'POST', body: send }));
    expectStatus('send', sent, 200);
    // The reference's element carries more attributes (dir="ltr" for right-to-left pages): match on the test id only.
    const reference = /data-testid="reference"[^>]*>\s*([A-Z0-9]{8})\s*</.exec(sent.html)?.[1];
    if (!reference) throw new Error('send: the page showed no reference');
    return reference;
  };

const pg = await startPostgres();
try {
  const figures = await measureJourneys('opt-out journey (PostgreSQL)', pg.url, optOutJourney, {
    clients,
    seconds,
    postgresDataDir: pg.cluster.dataDir,
  });
  const send = figures.steps['3 send'];
  const met = figures.journeysPerSecond >= 400 && send !== undefined && send.p99 <= 100;
  process.stdout.write(`target (>= 400 journeys/s, send p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n\n`);

  const crash = await crashJourneys(pg.url, optOutJourney, { kills: 5 });
  const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  try {
    const unique = [...new Set(crash.references)];
    const rows = await sql<{ reference: string; copies: number; emails: number; proxy: boolean; evidence: number }[]>`
      select r.reference, count(*)::int as copies, bool_or(r.route <> 'self') as proxy,
        (select count(*)::int from outbox_messages m where m.dedupe_key = 'opt-out:' || r.reference || ':received') as emails,
        (select count(*)::int from opt_out_evidence e where e.request_id = min(r.id)) as evidence
      from opt_out_requests r where r.reference = any(${unique}) group by r.reference`;
    const lost = unique.length - rows.length;
    const duplicated = rows.filter((row) => row.copies > 1).length + (crash.references.length - unique.length);
    const missingEmails = rows.filter((row) => row.emails !== 1).length;
    const missingEvidence = rows.filter((row) => row.proxy && row.evidence !== 1).length;
    process.stdout.write(
      `crash: acknowledged ${crash.references.length}, stored ${rows.length}, lost ${lost}, duplicated ${duplicated}` +
        ` (missing emails ${missingEmails}, proxies without evidence ${missingEvidence}, attempts refused while down ${crash.refused})\n`,
    );
    process.exitCode = lost === 0 && duplicated === 0 && missingEmails === 0 && missingEvidence === 0 ? 0 : 1;
  } finally {
    await sql.end();
  }
} finally {
  pg.cluster.stop();
}
