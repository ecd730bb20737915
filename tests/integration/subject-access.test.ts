import { afterEach, beforeEach, expect, it } from 'vitest';
import { lookupHmac } from '../../src/server/crypto/field-crypto.ts';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import { readAudit } from '../../src/server/staff/audit.ts';
import { subjectAccessRoutes } from '../../src/server/staff/routes/subject-access.ts';
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
    // Someone else.
    const other = await insertOptOut(db, keyring, { nhsNumberHmac: lookupHmac(keyring, 'nhs:9434765919') });
    const item = await insertFeedback(db, keyring, { type: 'complaint' });
    await insertNote(db, keyring, item.id, 'Phoned Alex to talk it through');
    await insertEmail(db, keyring, {
      dedupeKey: `feedback:${item.reference}:acknowledgement`,
      template: 'feedback-acknowledgement',
    });
    return { first, earlier, other, item };
  }

  const exportFor = (search: string, wantsJson = false) =>
    route('POST', wantsJson ? '/api/staff/subject-access' : '/staff/subject-access').handler(
      staffContext(services, { roles: ['ig'], method: 'POST', body: { search, csrfToken: 'x' }, wantsJson }),
    );

  it('an IG officer downloads everything held for an opt-out reference, including other requests for the same NHS number', async () => {
    const { first, earlier, other } = await seed();
    const response = await exportFor(first.reference.toLowerCase());
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="subject-access-[A-Z2-9]{8}-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const file = await response.json();
    const references = file.optOutRequests.map((request: { reference: string }) => request.reference).sort();
    expect(references).toEqual([first.reference, earlier.reference].sort());
    expect(references).not.toContain(other.reference);

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
  });

  it('finds the same requests by NHS number, and the audit log holds references and counts, never the number', async () => {
    const { first, earlier } = await seed();
    const response = await exportFor('485 777 3457', true);
    expect(response.status).toBe(200);
    expect((await response.json()).optOutRequests).toHaveLength(2);

    const [entry] = await readAudit(store.db);
    expect(entry).toMatchObject({ actorId: 1, action: 'subject-access.export', subjectType: 'subject-access' });
    expect(entry?.subjectRef?.split(',').sort()).toEqual([first.reference, earlier.reference].sort());
    expect(entry?.detail).toEqual({
      searchedBy: 'nhs-number',
      found: true,
      optOutRequests: 2,
      optOutSteps: 1,
      evidenceFiles: 1,
      feedbackItems: 0,
      staffNotes: 0,
      emails: 1,
    });
    const logged = JSON.stringify(entry);
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
