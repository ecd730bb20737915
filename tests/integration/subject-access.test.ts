import { afterEach, beforeEach, expect, it } from 'vitest';
import { lookupHmac } from '../../src/server/crypto/field-crypto.ts';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import { readAudit } from '../../src/server/staff/audit.ts';
import { subjectAccessRoutes } from '../../src/server/staff/subject-access/routes.ts';
import { staffContext } from '../support/staff-context.ts';
import {
  insertEmail,
  insertEvent,
  insertEvidence,
  insertFeedback,
  insertNote,
  insertOptOut,
} from '../support/staff-reports-rows.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

const route = (method: 'GET' | 'POST', path: string) => {
  const found = subjectAccessRoutes.find((entry) => entry.method === method && entry.path === path);
  if (!found || found.access === 'public') throw new Error(`No staff route ${method} ${path}`);
  return found;
};

describeEachStore('subject-access export', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
  });
  afterEach(async () => store.dispose());

  /** Someone else, who filed an opt-out with Sam's NHS number. */
  const MALLORY = {
    name: 'Mallory Falsename',
    email: 'mallory@example.net',
    line1: '9 Low Road',
    dateOfBirth: '1991-07-15',
  };
  const SAMS = ['Sam Patient', 'sam@example.com', '1 High Street', '1980-01-31', 'Checked passport', 'attorney.pdf'];

  async function seed() {
    const { keyring } = services;
    const db = store.db;
    const first = await insertOptOut(db, keyring, { status: 'identity-checked' });
    await insertEvent(db, keyring, first.id, 'identity-checked', new Date('2026-11-10T10:00:00Z'));
    await insertEvidence(db, keyring, first.id);
    await insertEmail(db, keyring, { dedupeKey: `opt-out:${first.reference}:received`, status: 'sent' });
    // An earlier request for the same NHS number, already cut down by the retention job.
    const earlier = await insertOptOut(db, keyring, {
      status: 'withdrawn',
      patientNameEncrypted: '',
      patientDateOfBirthEncrypted: '',
      patientAddressEncrypted: '',
      patientNhsNumberEncrypted: null,
      contactEmailEncrypted: null,
      personalDataDeletedAt: new Date('2026-10-01T00:00:00Z'),
    });
    const impostor = await insertOptOut(db, keyring, { receivedAt: new Date('2026-11-20T09:00:00Z') }, MALLORY);
    // Someone else.
    const other = await insertOptOut(db, keyring, { nhsNumberHmac: lookupHmac(keyring, 'nhs:9434765919') });
    const item = await insertFeedback(db, keyring, { type: 'complaint' });
    await insertNote(db, keyring, item.id, 'Phoned Alex to talk it through');
    await insertEmail(db, keyring, {
      dedupeKey: `feedback:${item.reference}:acknowledgement`,
      template: 'feedback-acknowledgement',
    });
    return { first, earlier, impostor, other, item };
  }

  const post = (path: string, body: Record<string, string>, params: Record<string, string> = {}, wantsJson = false) =>
    route('POST', path).handler(
      staffContext(services, {
        roles: ['ig'],
        method: 'POST',
        path,
        params,
        body: { ...body, csrfToken: 'x' },
        wantsJson,
      }),
    );
  const exportFor = (search: string, wantsJson = false) =>
    post(wantsJson ? '/api/staff/subject-access' : '/staff/subject-access', { search }, {}, wantsJson);
  const review = (reference: string) =>
    route('GET', '/staff/subject-access/:reference').handler(
      staffContext(services, { roles: ['ig'], params: { reference } }),
    );
  const decide = (reference: string, linked: string, decision: string) =>
    post('/staff/subject-access/:reference/decisions', { linked, decision }, { reference });
  const download = (reference: string) => post('/staff/subject-access/:reference/export', {}, { reference });
  const referencesIn = (file: { optOutRequests: { reference: string }[] }) =>
    file.optOutRequests.map((request) => request.reference).sort();

  it("someone who files a false opt-out with another person's NHS number gets nothing of theirs: linked requests are listed, not exported", async () => {
    const { first, earlier, impostor } = await seed();
    const searched = await exportFor(impostor.reference.toLowerCase());
    expect(searched.status).toBe(303);
    expect(searched.headers.get('Location')).toBe(`/staff/subject-access/${impostor.reference}`);
    const [audited] = await readAudit(store.db, { action: 'subject-access.search' });
    expect(audited).toMatchObject({
      subjectRef: impostor.reference,
      detail: { searchedBy: 'reference', found: true, linkedRequests: 2 },
    });

    // The officer sees the linked requests by reference, kind, date and status only, to open one by one.
    const page = await (await review(impostor.reference)).text();
    for (const linked of [first, earlier]) {
      expect(page).toContain(`href="/staff/opt-outs/${linked.reference}"`);
      expect(page).toContain(`action="/staff/subject-access/${impostor.reference}/decisions"`);
    }
    expect(page).toContain('name="csrfToken" value="test-csrf-token"');
    for (const personal of SAMS) expect(page).not.toContain(personal);

    // Nothing can be downloaded until each linked request has a decision; the form says which.
    const early = await download(impostor.reference);
    expect(early.status).toBe(422);
    const explained = await early.text();
    expect(explained).toContain('There is a problem');
    expect(explained).toContain(`Decide whether to include ${first.reference}`);
    const api = await exportFor(impostor.reference, true);
    expect(api.status).toBe(409);
    const listed = await api.json();
    expect(listed.linkedRequests).toEqual(
      expect.arrayContaining([
        {
          reference: first.reference,
          kind: 'opt-out',
          route: 'self',
          receivedOn: expect.any(String),
          status: 'identity-checked',
          decision: null,
        },
      ]),
    );
    for (const personal of SAMS) expect(JSON.stringify(listed)).not.toContain(personal);

    expect((await decide(impostor.reference, first.reference, 'exclude')).status).toBe(303);
    expect((await decide(impostor.reference, earlier.reference, 'exclude')).status).toBe(303);
    const response = await download(impostor.reference);
    expect(response.status).toBe(200);
    const file = await response.json();
    expect(referencesIn(file)).toEqual([impostor.reference]);
    expect(file.optOutRequests[0].patient.name).toBe('Mallory Falsename');
    expect(file.linkedRequests).toEqual(
      expect.arrayContaining([expect.objectContaining({ reference: first.reference, decision: 'exclude' })]),
    );
    for (const personal of SAMS) expect(JSON.stringify(file)).not.toContain(personal);
  });

  it('an IG officer decides on each linked request; the file holds the searched request and those included, and each decision is audited', async () => {
    const { first, earlier, impostor, other } = await seed();
    expect((await exportFor(first.reference)).status).toBe(303);
    expect((await decide(first.reference, earlier.reference, 'include')).status).toBe(303);
    expect((await decide(first.reference, impostor.reference, 'include')).status).toBe(303);
    // A change of mind replaces the decision; both stay in the audit log.
    expect((await decide(first.reference, impostor.reference, 'exclude')).status).toBe(303);

    const decisions = await readAudit(store.db, { action: 'subject-access.decision' });
    expect(decisions.map((entry) => [entry.actorId, entry.subjectRef, entry.detail]).reverse()).toEqual([
      [1, first.reference, { linked: earlier.reference, decision: 'include' }],
      [1, first.reference, { linked: impostor.reference, decision: 'include' }],
      [1, first.reference, { linked: impostor.reference, decision: 'exclude' }],
    ]);

    // A request that is not linked, or a decision that is neither, is refused and not recorded.
    expect((await decide(first.reference, other.reference, 'include')).status).toBe(404);
    const unclear = await decide(first.reference, earlier.reference, 'maybe');
    expect(unclear.status).toBe(422);
    expect(await unclear.text()).toContain('Choose whether to include or exclude');
    expect(await readAudit(store.db, { action: 'subject-access.decision' })).toHaveLength(3);

    const response = await download(first.reference);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="subject-access-[A-Z2-9]{8}-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const file = await response.json();
    expect(referencesIn(file)).toEqual([first.reference, earlier.reference].sort());
    expect(JSON.stringify(file)).not.toContain('Mallory');
    expect(JSON.stringify(file)).not.toContain('mallory@example.net');

    const current = file.optOutRequests.find((request: { reference: string }) => request.reference === first.reference);
    expect(current.patient).toEqual({
      name: 'Sam Patient',
      dateOfBirth: '1980-01-31',
      nhsNumber: '4857773457',
      address: { line1: '1 High Street', town: 'Ashby', postcode: 'AW1 2BT' },
    });
    expect(current.contact.email).toBe('sam@example.com');
    expect(current.steps).toEqual([
      expect.objectContaining({ to: 'identity-checked', by: 'staff', note: 'Checked passport on a video call' }),
    ]);
    expect(current.evidence).toEqual([
      expect.objectContaining({ fileName: 'lasting-power-of-attorney.pdf', bytes: 1234 }),
    ]);
    expect(JSON.stringify(current.evidence)).not.toContain('JVBERi0');
    expect(current.emails).toEqual([expect.objectContaining({ template: 'opt-out-received', to: 'sam@example.com' })]);

    const minimised = file.optOutRequests.find(
      (request: { reference: string }) => request.reference === earlier.reference,
    );
    expect(minimised.patient).toEqual({ name: null, dateOfBirth: null, nhsNumber: null, address: null });
    expect(minimised.personalDataDeletedAt).toBe('2026-10-01T00:00:00.000Z');

    const [exported] = await readAudit(store.db, { action: 'subject-access.export' });
    expect(exported).toMatchObject({
      subjectRef: first.reference,
      detail: expect.objectContaining({ optOutRequests: 2, linkedIncluded: 1, linkedExcluded: 1 }),
    });
  });

  it('dates a linked request received at 00:30 in summer time, and a file exported then, on that day in London', async () => {
    const justAfterMidnight = new Date('2026-06-14T23:30:00Z'); // 00:30 BST on 15 June; UTC still says the 14th
    const searched = await insertOptOut(store.db, services.keyring);
    const linked = await insertOptOut(store.db, services.keyring, { receivedAt: justAfterMidnight });
    const listed = await (await exportFor(searched.reference, true)).json();
    expect(listed.linkedRequests).toEqual([
      expect.objectContaining({ reference: linked.reference, receivedOn: '2026-06-15' }),
    ]);
    expect((await decide(searched.reference, linked.reference, 'exclude')).status).toBe(303);
    const path = '/staff/subject-access/:reference/export';
    const response = await route('POST', path).handler(
      staffContext(services, {
        roles: ['ig'],
        method: 'POST',
        path,
        params: { reference: searched.reference },
        body: { csrfToken: 'x' },
        now: justAfterMidnight,
      }),
    );
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="subject-access-${searched.reference}-2026-06-15.json"`,
    );
  });

  it('a request with nothing linked downloads at once', async () => {
    const { other } = await seed();
    const response = await exportFor(other.reference);
    expect(response.status).toBe(200);
    const file = await response.json();
    expect(referencesIn(file)).toEqual([other.reference]);
    expect(file.linkedRequests).toEqual([]);
  });

  it('finds the requests for an NHS number to choose from, and the audit log holds references and counts, never the number', async () => {
    const { first, earlier, impostor } = await seed();
    const response = await exportFor('485 777 3457', true);
    expect(response.status).toBe(200);
    const found = await response.json();
    expect(found.searchedBy).toBe('nhs-number');
    expect(found.matches.map((match: { reference: string }) => match.reference).sort()).toEqual(
      [first.reference, earlier.reference, impostor.reference].sort(),
    );
    for (const personal of [...SAMS, 'Mallory']) expect(JSON.stringify(found)).not.toContain(personal);

    // Without JavaScript: a list with one button per request, each starting from that reference.
    const page = await (await exportFor('4857773457')).text();
    expect(page).toContain(`name="search" value="${first.reference}"`);
    for (const personal of [...SAMS, 'Mallory']) expect(page).not.toContain(personal);

    const [entry] = await readAudit(store.db);
    expect(entry).toMatchObject({ actorId: 1, action: 'subject-access.search', subjectType: 'subject-access' });
    expect(entry?.subjectRef?.split(',').sort()).toEqual(
      [first.reference, earlier.reference, impostor.reference].sort(),
    );
    expect(entry?.detail).toEqual({ searchedBy: 'nhs-number', found: true, optOutRequests: 3 });
    const logged = JSON.stringify(await readAudit(store.db));
    for (const personal of ['4857773457', '485 777 3457', 'Sam', 'sam@example.com']) {
      expect(logged).not.toContain(personal);
    }
  });

  it('finds a feedback item by its reference, with the message, staff notes and emails', async () => {
    const { item } = await seed();
    const file = await (await exportFor(item.reference)).json();
    expect(file.optOutRequests).toEqual([]);
    expect(file.feedbackItems).toEqual([
      expect.objectContaining({
        reference: item.reference,
        type: 'complaint',
        message: 'My GP letter did not arrive',
        name: 'Alex Example',
        email: 'alex@example.com',
        staffNotes: [expect.objectContaining({ note: 'Phoned Alex to talk it through' })],
        emails: [expect.objectContaining({ template: 'feedback-acknowledgement', status: 'pending' })],
      }),
    ]);
  });

  it('says when nothing is held (and records the search), and explains a search that is neither a reference nor an NHS number', async () => {
    const notFound = await exportFor('AB3CD5EF');
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('We hold nothing for that reference or NHS number');
    const [entry] = await readAudit(store.db);
    expect(entry).toMatchObject({ subjectRef: 'AB3CD5EF', detail: expect.objectContaining({ found: false }) });

    const invalid = await exportFor('485 777 3458', true);
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).errors[0].field).toBe('search');
    const page = await route('GET', '/staff/subject-access').handler(staffContext(services, { roles: ['ig'] }));
    expect(await page.text()).toContain('name="csrfToken" value="test-csrf-token"');
  });
});
