import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { optOutMatchUploads } from '../../src/server/db/match-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { optOutEvents, staffAuditLog } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { dispatchStaff } from '../../src/server/staff/dispatch.ts';
import { takeOptOutStep } from '../../src/server/staff/opt-outs/transitions.ts';
import { SESSION_COOKIE } from '../../src/server/staff/session.ts';
import { activeStaff, sessionFor } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addOptOut, optOutFields } from './staff-queues-fixtures.ts';

/**
 * Issue 19, volume item 1: an IG officer uploads the record platform's demographic match file.
 * Clear matches move to identity checked, each with its event and audit entry; the rest wait in
 * the exceptions list with their reason; a file with any bad row changes nothing at all, and
 * the same file twice changes nothing the second time. Every upload goes through the dispatcher
 * as a real multipart form post (session, role, CSRF token and body limit included).
 */

const HEADINGS = 'Reference,NHS number matched,Date of birth matched,Name matched,Postcode matched,Practice code';
const csv = (...lines: string[]) => `${[HEADINGS, ...lines].join('\r\n')}\r\n`;

describeEachStore('the record platform match file', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: { id: number; token: string; csrfToken: string };
  /** Four requests with contact confirmed, ready for the platform's answer. */
  let refs: string[];
  const now = new Date('2026-11-24T10:00:00Z');

  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    const account = await activeStaff(services, ['ig']);
    officer = { id: account.id, ...(await sessionFor(services, account.id, 'active', now)) };
    refs = [];
    for (let i = 0; i < 4; i += 1) refs.push(await confirmed());
  }, 60_000);
  afterEach(async () => store.dispose());

  async function confirmed(): Promise<string> {
    const reference = await addOptOut(services, { ...optOutFields, email: '' });
    await takeOptOutStep(
      { db: services.store.db, keyring: services.keyring, settings: services.settings },
      { reference, action: 'confirm-contact', actorId: officer.id, now },
    );
    return reference;
  }

  /** A browser's request: the form serialised as multipart bytes, the session cookie, no Content-Length. */
  async function send(path: string, init: { body?: FormData; token?: string } = {}) {
    const headers = new Headers({ cookie: `${SESSION_COOKIE}=${init.token ?? officer.token}` });
    const multipart = init.body ? new Response(init.body) : undefined;
    if (multipart) headers.set('content-type', multipart.headers.get('content-type') ?? '');
    const request = new Request(`http://127.0.0.1${path}`, {
      method: init.body ? 'POST' : 'GET',
      headers,
      body: multipart ? await multipart.arrayBuffer() : null,
    });
    return dispatchStaff(request, { services, ip: '192.0.2.10', now: () => now });
  }

  function upload(file: string | Uint8Array, options: { path?: string; token?: string; csrf?: string } = {}) {
    const form = new FormData();
    form.set('csrfToken', options.csrf ?? officer.csrfToken);
    form.set(
      'matchFile',
      new File([typeof file === 'string' ? file : Buffer.from(file)], 'match.csv', { type: 'text/csv' }),
    );
    return send(options.path ?? '/staff/opt-outs/match', { body: form, ...options });
  }

  /** Everything an upload could change: statuses, events, audit entries, recorded files. */
  async function snapshot() {
    const db = services.store.db;
    const statuses = await db
      .select({ reference: optOutRequests.reference, status: optOutRequests.status })
      .from(optOutRequests)
      .orderBy(optOutRequests.id);
    const [events] = await db.select({ n: count() }).from(optOutEvents);
    const [audit] = await db.select({ n: count() }).from(staffAuditLog);
    const [files] = await db.select({ n: count() }).from(optOutMatchUploads);
    return { statuses, events: events?.n, audit: audit?.n, files: files?.n };
  }

  async function statusOf(reference: string) {
    const [row] = await services.store.db
      .select({ status: optOutRequests.status })
      .from(optOutRequests)
      .where(eq(optOutRequests.reference, reference));
    return row?.status;
  }

  const ref = (i: number) => () => refs[i] ?? '';
  const [a, b, c, d] = [ref(0), ref(1), ref(2), ref(3)];
  /** Columns shuffled, headings in other spellings, and a byte-order mark: all accepted. */
  const mixedFile = () =>
    `\uFEFF${[
      'practice_code, POSTCODE MATCHED ,date-of-birth-matched,Reference,nhs number matched,Name Matched',
      `A81001,Y,Y,${a()},Y,Y`,
      `A81002,yes,YES,${b().toLowerCase()},y,Yes`,
      `A81003,Y,N,${c()},Y,Y`,
      `,N,Y,${d()},Y,N`,
    ].join('\n')}\n`;

  it('moves clear matches to identity checked, each audited, and lists the rest with their reason', async () => {
    const before = await snapshot();
    const response = await upload(mixedFile());
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/staff\/opt-outs\/match\?done=\d+$/);

    expect(await statusOf(a())).toBe('identity-checked');
    expect(await statusOf(b())).toBe('identity-checked');
    expect(await statusOf(c())).toBe('contact-confirmed');
    expect(await statusOf(d())).toBe('contact-confirmed');
    const after = await snapshot();
    expect(after.events).toBe(Number(before.events) + 2);
    const entries = await services.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.check-identity'));
    expect(entries.map((entry) => entry.subjectRef).sort()).toEqual([a(), b()].sort());
    expect(entries.every((entry) => entry.actorId === officer.id)).toBe(true);
    const [fileEntry] = await services.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.match-upload'));
    expect(fileEntry?.detail).toEqual({ rows: 4, checked: 2, exceptions: 2, skipped: 0 });

    const page = await (await send(location)).text();
    expect(page).toContain('2 identity checked, 2 to check by hand, 0 already checked');
    expect(page).toContain('See the exceptions (2)');

    const list = await send('/staff/opt-outs/match/exceptions');
    const html = await list.text();
    expect(list.status).toBe(200);
    expect(html).toContain(`href="/staff/opt-outs/${c()}"`);
    expect(html).toContain('Date of birth did not match');
    expect(html).toContain('Name and postcode did not match');
    expect(html).not.toContain(a());
    const json = (await (await send('/api/staff/opt-outs/match/exceptions')).json()) as {
      total: number;
      items: { reference: string; reason: string; practiceCode: string | null }[];
    };
    expect(json.total).toBe(2);
    expect(json.items).toEqual([
      expect.objectContaining({ reference: c(), reason: 'Date of birth did not match', practiceCode: 'A81003' }),
      expect.objectContaining({ reference: d(), reason: 'Name and postcode did not match', practiceCode: null }),
    ]);
  });

  it('is reached from the opt-out list, with the exceptions beside it', async () => {
    const html = await (await send('/staff/opt-outs')).text();
    expect(html).toContain('<a href="/staff/opt-outs/match">Upload a match file</a>');
    expect(html).toContain('<a href="/staff/opt-outs/match/exceptions">Match exceptions</a>');
    const page = await (await send('/staff/opt-outs/match')).text();
    // React writes encType as is; HTML attribute names are case-insensitive, so browsers read enctype.
    expect(page).toMatch(
      /<form[^>]*enctype="multipart\/form-data"[^>]*action="\/staff\/opt-outs\/match"|<form[^>]*action="\/staff\/opt-outs\/match"[^>]*enctype="multipart\/form-data"/i,
    );
    expect(page).toContain('No match file has been uploaded yet.');
  });

  it('takes an exception off the list once an officer checks the identity by hand', async () => {
    await upload(mixedFile());
    await takeOptOutStep(
      { db: services.store.db, keyring: services.keyring, settings: services.settings },
      { reference: c(), action: 'check-identity', actorId: officer.id, now, note: 'Phoned; confirmed details' },
    );
    const json = (await (await send('/api/staff/opt-outs/match/exceptions')).json()) as {
      items: { reference: string }[];
    };
    expect(json.items.map((item) => item.reference)).toEqual([d()]);
  });

  it('changes nothing when the same file is uploaded a second time, and says when it was first uploaded', async () => {
    expect((await upload(mixedFile())).status).toBe(303);
    const before = await snapshot();
    const again = await upload(mixedFile());
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain('You uploaded this file on 24 November 2026 at 10:00. Nothing was changed the second time');
    expect(html).toContain('href="#matchFile"');
    expect(await snapshot()).toEqual(before);
  });

  it('skips and reports requests already checked when a different file names them again', async () => {
    await upload(csv(`${a()},Y,Y,Y,Y,A81001`));
    const response = await upload(csv(`${a()},Y,Y,Y,Y,A81001`, `${b()},Y,Y,Y,Y,A81001`), {
      path: '/api/staff/opt-outs/match',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(expect.objectContaining({ checked: 1, exceptions: 0, skipped: 1 }));
    const checks = await services.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.check-identity'));
    expect(checks.map((entry) => entry.subjectRef).sort()).toEqual([a(), b()].sort());
  });

  describe('refuses a bad file with a report naming each line, and changes nothing', () => {
    const received = () => addOptOut(services, { ...optOutFields, email: '' });
    const cases: [string, () => Promise<string | Uint8Array>, () => string[]][] = [
      [
        'the GP export instead of a match file (wrong columns)',
        async () => `Reference,NHS number,Name,Date of birth\r\n${a()},9434765919,Z,1958-09-07\r\n`,
        () => [
          'Line 1: the column &quot;NHS number&quot; is not one a match file has',
          'Line 1: the column &quot;Postcode matched&quot; is missing',
        ],
      ],
      [
        'a reference twice',
        async () => csv(`${a()},Y,Y,Y,Y,A81001`, `${b()},Y,Y,Y,Y,A81001`, `${a()},Y,N,Y,Y,A81001`),
        () => [`Line 4: reference ${a()} is also on line 2. Each request can be on the file once.`],
      ],
      [
        'a reference nobody has, beside good rows',
        async () => csv(`${a()},Y,Y,Y,Y,A81001`, 'HK3BN7PD,Y,Y,Y,Y,A81001'),
        () => ['Line 3: no opt-out request has the reference HK3BN7PD.'],
      ],
      [
        'a request in the wrong state, beside a clear match',
        async () => csv(`${a()},Y,Y,Y,Y,A81001`, `${await received()},Y,Y,Y,Y,A81001`),
        () => ['is received. Only requests with contact confirmed'],
      ],
      [
        'Windows-1252 (a pound sign as Excel saves it)',
        async () => Uint8Array.from([...Buffer.from(csv(`${a()},Y,Y,Y,Y,A81001`)), 0xa3, 0x0d, 0x0a]),
        () => ['The file is not saved as UTF-8', 'save it as &quot;CSV UTF-8&quot;'],
      ],
      [
        'formulas in cells',
        async () =>
          csv(
            `=HYPERLINK("http://evil.example"),Y,Y,Y,Y,A81001`,
            `${a()},+Y,Y,Y,Y,A81001`,
            `${b()},Y,-1,Y,Y,A81001`,
            `${c()},Y,Y,Y,Y,@SUM(A1)`,
          ),
        () => [
          'Line 2: the Reference cell starts with &quot;=&quot;, which a spreadsheet would run as a formula',
          'Line 3: the NHS number matched cell starts with &quot;+&quot;',
          'Line 4: the Date of birth matched cell starts with &quot;-&quot;',
          'Line 5: the Practice code cell starts with &quot;@&quot;',
        ],
      ],
      [
        'a quote left open',
        async () => csv(`${a()},Y,Y,Y,Y,A81001`, `"${b()},Y,Y,Y,Y,A81001`),
        () => ['the quotes or commas in this line are not right'],
      ],
      ['headings and no rows', async () => csv(), () => ['The file has headings but no rows']],
      ['an empty file', async () => '', () => ['The file is empty']],
      [
        '200,000 rows',
        async () => `${HEADINGS}\r\n${`${a()},Y,Y,Y,Y,A81001\r\n`.repeat(200_000)}`,
        () => ['The file has 200,000 rows. Upload at most 100,000 rows at a time'],
      ],
      [
        'answers other than Y or N, a bad practice code and a short line',
        async () => csv(`${a()},Y,maybe,Y,Y,A81001`, `${b()},Y,Y,Y,Y,81001`, `${c()},Y,Y`),
        () => [
          'Line 2: the Date of birth matched cell says &quot;maybe&quot;. Enter Y or N.',
          'Line 3: the practice code &quot;81001&quot; is not an ODS code',
          'Line 4: this line has 3 cells but the headings have 6.',
        ],
      ],
    ];
    it.each(cases)(
      '%s',
      async (_, file, messages) => {
        const content = await file();
        const before = await snapshot();
        const response = await upload(content);
        expect(response.status).toBe(422);
        const html = await response.text();
        expect(html).toContain('<title>Error: Upload a match file from the record platform');
        expect(html).toMatch(/<a href="#matchFile">The file has (a problem|\d+ problems)\. Nothing was changed/);
        for (const message of messages()) expect(html).toContain(message);
        expect(await snapshot()).toEqual(before);
      },
      60_000,
    );
  });

  it('says a file over 10 MB is too large, before reading it into memory', async () => {
    const response = await upload(new Uint8Array(11 * 1024 * 1024).fill(0x41));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('The file is too large. Upload a file of 10 MB or less.');
  });

  it('refuses a file sent to sign-in: files are read only past the session and role checks', async () => {
    const form = new FormData();
    form.set('matchFile', new File([mixedFile()], 'match.csv', { type: 'text/csv' }));
    const response = await send('/staff/sign-in', { body: form });
    expect(response.status).toBe(415);
  });

  it('asks for a file when none was chosen', async () => {
    const form = new FormData();
    form.set('csrfToken', officer.csrfToken);
    form.set('matchFile', new File([], '', { type: 'application/octet-stream' }));
    const response = await send('/staff/opt-outs/match', { body: form });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('<a href="#matchFile">Choose the match file to upload</a>');
  });

  it('lets only IG officers upload or see the exceptions, and checks the CSRF token', async () => {
    const comms = await activeStaff(services, ['comms', 'admin']);
    const { token, csrfToken } = await sessionFor(services, comms.id, 'active', now);
    const before = await snapshot();
    expect((await upload(mixedFile(), { token, csrf: csrfToken })).status).toBe(403);
    expect((await send('/staff/opt-outs/match/exceptions', { token })).status).toBe(403);
    expect((await send('/staff/opt-outs/match', { token })).status).toBe(403);
    expect((await upload(mixedFile(), { csrf: 'wrong' })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});
