import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { formatReference, type Reference } from '../../src/domain/reference.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { type OptOutAnswers, optOutSchema } from '../../src/schemas/forms/opt-out.ts';
import { decryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutEvidence, optOutRequests, optOutTokens } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { log } from '../../src/server/log.ts';
import { DRAFT_LIFETIME_MS, loadDraft, saveDraft } from '../../src/server/opt-out/drafts.ts';
import { readEvidence } from '../../src/server/opt-out/evidence.ts';
import { confirmContact, confirmWithdrawal, findStatus, requestWithdrawal } from '../../src/server/opt-out/status.ts';
import { saveOptOut } from '../../src/server/opt-out/submit.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { watchStatements } from '../support/statements.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

const today = calendarDate('2026-11-22');
const canary = {
  who: 'lpa',
  applicantName: 'Perpetua Canarywood',
  applicantRelationship: 'Daughter',
  fullName: 'Zebedee Canarywood',
  dateOfBirthDay: '7',
  dateOfBirthMonth: '9',
  dateOfBirthYear: '1938',
  nhsNumberKnown: 'yes',
  nhsNumber: '943 476 5919',
  addressLine1: '17 Canary Lane',
  town: 'Wyre Bridge',
  postcode: 'AW7 3RL',
  email: 'zebedee.canary@example.com',
  phone: '07700 900982',
  declaration: 'yes',
};

/** The same person opting out for themselves: no one acting for them. */
const { applicantName: _name, applicantRelationship: _relationship, ...ownFields } = canary;
const self = { ...ownFields, who: 'self' };

function answers(fields: Record<string, string>): OptOutAnswers {
  const result = validateForm(optOutSchema({ today, requireDeclaration: true }), fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

describeEachStore('opt-out requests are stored safely', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  const deps = async () => ({ db: store.db, keyring, settings: await readSiteSettings() });
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  it('keeps none of a canary’s personal details in plain text anywhere in the database', async () => {
    const evidence = readEvidence('lpa.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]));
    if (!evidence.ok) throw new Error('fixture');
    const { reference } = await saveOptOut(await deps(), answers(canary), {
      idempotencyKey: 'k-canary',
      evidence: { upload: evidence.upload },
    });
    const tables = ['opt_out_requests', 'opt_out_evidence', 'opt_out_tokens', 'outbox_messages', 'opt_out_drafts'];
    const dump: string[] = [];
    for (const table of tables) {
      const result = await store.db.execute(sql.raw(`select * from ${table}`));
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      dump.push(JSON.stringify(rows));
    }
    const everything = dump.join('\n').toLowerCase();
    expect(everything).toContain(reference.toLowerCase()); // the dump is real
    for (const secret of [
      'Zebedee',
      'Canarywood',
      'Perpetua',
      '9434765919',
      '943 476 5919',
      '1938-09-07',
      'zebedee.canary@example.com',
      'Canary Lane',
      'AW7 3RL',
      '7700900982',
    ]) {
      expect(everything, secret).not.toContain(secret.toLowerCase());
    }
    // …yet staff can read it back with the key.
    const [row] = await store.db.select().from(optOutRequests);
    expect(
      row &&
        decryptField(keyring, row.patientNameEncrypted, slotOf(optOutRequests.patientNameEncrypted, row.reference)),
    ).toBe('Zebedee Canarywood');
    expect(await store.db.select().from(optOutEvidence)).toHaveLength(1);
  });

  it('saves a request and its email together, and a repeat of the same key returns the first reference', async () => {
    const d = await deps();
    const first = await saveOptOut(d, answers(canary), { idempotencyKey: 'k1', evidence: null });
    const again = await Promise.all([
      saveOptOut(d, answers(canary), { idempotencyKey: 'k1', evidence: null }),
      saveOptOut(d, answers(canary), { idempotencyKey: 'k1', evidence: null }),
    ]);
    expect(first.created).toBe(true);
    expect(again.map((r) => r.reference)).toEqual([first.reference, first.reference]);
    expect(await store.db.select().from(optOutRequests)).toHaveLength(1);
    const mail = await store.db.select().from(outboxMessages);
    expect(mail.map((m) => m.dedupeKey)).toEqual([`opt-out:${first.reference}:received`]);
  });

  it('concurrent different submissions each get their own reference', async () => {
    const d = await deps();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => saveOptOut(d, answers(canary), { idempotencyKey: `c${i}`, evidence: null })),
    );
    expect(new Set(results.map((r) => r.reference)).size).toBe(12);
    expect(await store.db.select().from(optOutRequests)).toHaveLength(12);
  });

  it('saves many at once in shared statements with each its own token and email, and a double submit still once', async () => {
    // The shared statement itself must work: a failed batch falls back to one row at a time and warns.
    const warn = vi.spyOn(log, 'warn');
    const d = await deps();
    // 40 at once: most wait for the first statement and are then written together (group commit).
    const keys = Array.from({ length: 40 }, (_, i) => `g${i % 30}`); // ten keys are sent twice
    const results = await Promise.all(
      keys.map((key) => saveOptOut(d, answers(canary), { idempotencyKey: key, evidence: null })),
    );
    const byKey = new Map<string, string>();
    results.forEach((result, i) => {
      const key = keys[i] ?? '';
      const first = byKey.get(key);
      if (first) expect(result.reference).toBe(first);
      else byKey.set(key, result.reference);
    });
    expect(results.filter((result) => result.created)).toHaveLength(30);
    const requests = await store.db.select().from(optOutRequests);
    expect(requests).toHaveLength(30);
    expect(new Set(requests.map((row) => row.reference))).toEqual(new Set(byKey.values()));
    const tokens = await store.db.select().from(optOutTokens);
    expect(new Set(tokens.map((token) => token.requestId))).toEqual(new Set(requests.map((row) => row.id)));
    const emails = await store.db.select().from(outboxMessages);
    expect(emails.map((email) => email.dedupeKey).sort()).toEqual(
      requests.map((row) => `opt-out:${formatReference(row.reference as Reference)}:received`).sort(),
    );
    expect(warn.mock.calls.filter(([message]) => message.startsWith('A shared write failed'))).toEqual([]);
    warn.mockRestore();
  });

  it('shows the status only for the right reference and date of birth, the same way for both mistakes', async () => {
    const d = await deps();
    const { reference } = await saveOptOut(d, answers(canary), { idempotencyKey: 'k2', evidence: null });
    const right = await findStatus(d, { reference, dateOfBirth: calendarDate('1938-09-07') });
    expect(right?.status).toBe('received');
    expect(await findStatus(d, { reference, dateOfBirth: calendarDate('1938-09-08') })).toBeUndefined();
    expect(
      await findStatus(d, { reference: 'AB2CD3EF' as Reference, dateOfBirth: calendarDate('1938-09-07') }),
    ).toBeUndefined();
  });

  it('confirms the contact by link, and withdraws only after the emailed link is used', async () => {
    const d = await deps();
    const { reference } = await saveOptOut(d, answers(canary), { idempotencyKey: 'k3', evidence: null });
    const query = { reference, dateOfBirth: calendarDate('1938-09-07') };
    const [received] = await store.db.select().from(outboxMessages);
    const params = (row?: typeof received) =>
      JSON.parse(
        decryptField(keyring, row?.paramsEncrypted ?? '', slotOf(outboxMessages.paramsEncrypted, row?.dedupeKey ?? '')),
      ) as {
        token: string;
      };
    const confirmToken = params(received).token;
    expect(await confirmContact(d, confirmToken)).toBe(reference);
    expect((await findStatus(d, query))?.status).toBe('contact-confirmed');

    expect(await requestWithdrawal(d, query)).toBe('email-sent');
    expect((await findStatus(d, query))?.status).toBe('contact-confirmed'); // not yet
    const withdrawMail = (await store.db.select().from(outboxMessages)).find((m) => m.template === 'opt-out-withdraw');
    const token = params(withdrawMail).token;
    expect(await confirmContact(d, token)).toBeUndefined(); // a withdrawal link is not a confirmation link
    expect(await confirmWithdrawal(d, token)).toEqual({ outcome: 'withdrawn', reference });
    const after = await findStatus(d, query);
    expect(after?.status).toBe('withdrawn');
    expect(after?.withdrawnAt).toBeInstanceOf(Date);
  });

  it('keeps a draft and its evidence until the request is sent, then moves the file to the request', async () => {
    const d = await deps();
    const evidence = readEvidence('court-order.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF'));
    if (!evidence.ok) throw new Error('fixture');
    const token = await saveDraft(d, { fields: canary, upload: evidence.upload, proxy: true });
    const changed = await saveDraft(d, { token, fields: { ...canary, fullName: 'Z Canarywood' }, proxy: true });
    expect(changed).toBe(token);
    const draft = await loadDraft(d, token);
    expect(draft?.fields['fullName']).toBe('Z Canarywood');
    expect(draft?.evidence?.fileName).toBe('court-order.pdf');
    await saveOptOut(d, answers(draft?.fields ?? {}), {
      idempotencyKey: draft?.submissionKey ?? '',
      evidence: { draftId: draft?.id ?? '' },
    });
    expect(await loadDraft(d, token)).toBeUndefined();
    const files = await store.db.select().from(optOutEvidence);
    expect(files).toHaveLength(1);
    expect(files[0]?.requestId).not.toBeNull();
  });

  it("keeps a resident's first page in one statement and reads it back, file and all, in one query", async () => {
    const d = await deps();
    const transaction = vi.spyOn(store.db, 'transaction');
    const statements = watchStatements(store.db);
    const own = await saveDraft(d, { fields: self, proxy: false });
    // No BEGIN … COMMIT round trips for a draft that is one row.
    expect(transaction).not.toHaveBeenCalled();
    expect(statements.texts()).toHaveLength(1);
    statements.clear();
    expect((await loadDraft(d, own))?.fields['fullName']).toBe(self.fullName);
    expect(statements.texts()).toHaveLength(1);
    // Someone acting for another person: the file's details come back with the draft, in the same one query.
    const pdf = readEvidence('court-order.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF'));
    if (!pdf.ok) throw new Error('fixture');
    const proxy = await saveDraft(d, { fields: canary, upload: pdf.upload, proxy: true });
    statements.clear();
    expect((await loadDraft(d, proxy))?.evidence).toMatchObject({ fileName: 'court-order.pdf', byteSize: 14 });
    expect(statements.texts()).toHaveLength(1);
    transaction.mockRestore();
    statements.restore();
  });

  it('keeps first drafts arriving together in one shared statement, each readable by its own token', async () => {
    const d = await deps();
    const statements = watchStatements(store.db);
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => saveDraft(d, { fields: { ...self, fullName: `Draft ${i}` }, proxy: false })),
    );
    // Two statements may be in flight at once (group-commit.ts): the first two drafts go alone, and
    // the eight that arrived meanwhile share the next statement.
    const inserts = statements.params(/^insert into "opt_out_drafts"/);
    expect(inserts.map((params) => (params[0] as string[]).length)).toEqual([1, 1, 8]);
    for (const [i, token] of tokens.entries())
      expect((await loadDraft(d, token))?.fields['fullName']).toBe(`Draft ${i}`);
    statements.restore();
  });

  it('reads drafts asked for together in one shared statement, each against its own clock', async () => {
    const d = await deps();
    const tokens = await Promise.all(
      Array.from({ length: 8 }, (_, i) => saveDraft(d, { fields: { ...self, fullName: `Reader ${i}` }, proxy: false })),
    );
    const statements = watchStatements(store.db);
    const later = new Date(Date.now() + DRAFT_LIFETIME_MS + 60_000);
    const read = await Promise.all([
      ...tokens.map((token, i) => loadDraft(i === 5 ? { ...d, now: () => later } : d, token)),
      loadDraft(d, 'a-token-nobody-was-given'),
      loadDraft(d, tokens[0] ?? ''),
    ]);
    expect(read.map((draft) => draft?.fields['fullName'])).toEqual([
      'Reader 0',
      'Reader 1',
      'Reader 2',
      'Reader 3',
      'Reader 4',
      undefined, // read two hours and a minute on: expired for that request only
      'Reader 6',
      'Reader 7',
      undefined,
      'Reader 0',
    ]);
    // Two may be in flight at once: the first two alone, the other eight together.
    expect(statements.params(/^with "wanted"/).map((params) => (params[0] as string[]).length)).toEqual([1, 1, 8]);
    statements.restore();
  });

  it('answers one draft read twice in one shared statement by each request’s own clock: found before its expiry, gone after', async () => {
    const d = await deps();
    const [first, second, shared] = await Promise.all(
      ['First', 'Second', 'Shared'].map((fullName) => saveDraft(d, { fields: { ...self, fullName }, proxy: false })),
    );
    const statements = watchStatements(store.db);
    const later = new Date(Date.now() + DRAFT_LIFETIME_MS + 60_000);
    const read = await Promise.all([
      loadDraft(d, first ?? ''),
      loadDraft(d, second ?? ''),
      // The same cookie in two tabs, one of them two hours and a minute on.
      loadDraft(d, shared ?? ''),
      loadDraft({ ...d, now: () => later }, shared ?? ''),
    ]);
    expect(read.map((draft) => draft?.fields['fullName'])).toEqual(['First', 'Second', 'Shared', undefined]);
    // The two reads of the same draft shared one statement, so this tests the shared path.
    expect(statements.params(/^with "wanted"/).map((params) => (params[0] as string[]).length)).toEqual([1, 1, 2]);
    statements.restore();
  });

  it("sends many browsers' drafts at once in shared statements: each file moves to its request, each draft goes, a repeat changes nothing", async () => {
    const warn = vi.spyOn(log, 'warn');
    const d = await deps();
    const pdf = readEvidence('court-order.pdf', new TextEncoder().encode('%PDF-1.4\n%%EOF'));
    if (!pdf.ok) throw new Error('fixture');
    // 24 browsers: even ones act for someone (their file is kept); odd ones uploaded a file, then
    // changed to "myself" (the file must go with the draft, not stay on the request).
    const drafts = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const fields = i % 2 === 0 ? { ...canary, fullName: `Proxy ${i}` } : { ...self, fullName: `Self ${i}` };
        const token = await saveDraft(d, { fields, upload: pdf.upload, proxy: true });
        const draft = await loadDraft(d, token);
        if (!draft) throw new Error('fixture');
        return { token, draft, proxy: i % 2 === 0 };
      }),
    );
    const send = ({ draft }: (typeof drafts)[number]) =>
      saveOptOut(d, answers(draft.fields), {
        idempotencyKey: draft.submissionKey,
        evidence: { draftId: draft.id },
      });
    // One group-committed statement per batch, as the JSON path: no transaction (BEGIN … COMMIT).
    const transaction = vi.spyOn(store.db, 'transaction');
    const results = await Promise.all(drafts.map(send));
    expect(transaction).not.toHaveBeenCalled();
    transaction.mockRestore();
    expect(results.every((result) => result.created)).toBe(true);
    for (const { token } of drafts) expect(await loadDraft(d, token)).toBeUndefined();
    const requests = await store.db.select().from(optOutRequests);
    const files = await store.db.select().from(optOutEvidence);
    const proxies = requests.filter((row) => row.route !== 'self');
    expect(proxies).toHaveLength(12);
    expect(files.map((file) => file.requestId).sort()).toEqual(proxies.map((row) => row.id).sort());
    expect(files.every((file) => file.draftId === null)).toBe(true);
    // Pressing "Send request" again (same key, draft already gone) shows the first reference.
    const [firstDraft] = drafts;
    if (!firstDraft) throw new Error('fixture');
    const again = await send(firstDraft);
    expect(again).toMatchObject({ created: false, reference: results[0]?.reference });
    expect(await store.db.select().from(optOutRequests)).toHaveLength(24);
    expect(warn.mock.calls.filter(([message]) => message.startsWith('A shared write failed'))).toEqual([]);
    warn.mockRestore();
  });

  it('keeps the draft when a send repeats a key that was already used, so nothing the browser holds is lost', async () => {
    const d = await deps();
    const first = await saveOptOut(d, answers(canary), { idempotencyKey: 'used-key', evidence: null });
    const token = await saveDraft(d, { fields: canary, proxy: true });
    const draft = await loadDraft(d, token);
    const repeat = await saveOptOut(d, answers(canary), {
      idempotencyKey: 'used-key',
      evidence: { draftId: draft?.id ?? '' },
    });
    expect(repeat).toMatchObject({ created: false, reference: first.reference });
    expect(await loadDraft(d, token)).toBeDefined();
  });
});
