import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConsultationAnswer } from '../../src/schemas/forms/consultation-answer.ts';
import { saveConsultationAnswer } from '../../src/server/consultations/store.ts';
import { decryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import {
  consultationAnswers,
  consultationResultContacts,
  consultationTextAnswers,
} from '../../src/server/db/consultations-schema.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

const NOW = new Date('2026-12-15T12:00:00Z');

describeEachStore('consultation answers', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.dispose();
  });

  const base: ConsultationAnswer = {
    choices: { 'best-way': ['An email'] },
    texts: { ideas: 'Put posters in the library.' },
    publishConsent: false,
    name: '',
    email: '',
  };
  const save = (answer: ConsultationAnswer, key: string) =>
    saveConsultationAnswer(store.db, keyring, 'example', answer, { idempotencyKey: key, now: NOW });

  it('saves one answer per form, however often it is sent, with the same reference each time', async () => {
    const first = await save(base, 'key-1');
    const again = await save(base, 'key-1');
    expect(first.created).toBe(true);
    expect(again).toEqual({ reference: first.reference, created: false });
    expect(await store.db.select().from(consultationAnswers)).toHaveLength(1);
    expect(await store.db.select().from(consultationTextAnswers)).toHaveLength(1);
  });

  it('keeps written answers private without consent, and queues them for moderation with it', async () => {
    await save(base, 'no-consent');
    await save({ ...base, publishConsent: true }, 'consent');
    const states = (await store.db.select().from(consultationTextAnswers)).map((row) => row.state).sort();
    expect(states).toEqual(['pending', 'private']);
  });

  it('encrypts the name, the written answer and the results address, each readable in its own slot', async () => {
    await save({ ...base, name: 'Pat Example', email: 'pat@example.org' }, 'named');
    const [answer] = await store.db.select().from(consultationAnswers);
    const [text] = await store.db.select().from(consultationTextAnswers);
    const [contact] = await store.db.select().from(consultationResultContacts);
    if (!answer?.nameEncrypted || !text || !contact) throw new Error('Rows missing');
    expect(JSON.stringify([answer, text, contact])).not.toMatch(/Pat Example|pat@example|library/);
    const slot = (column: Parameters<typeof slotOf>[0], row: string) => slotOf(column, row);
    expect(
      decryptField(keyring, answer.nameEncrypted, slot(consultationAnswers.nameEncrypted, answer.idempotencyKey)),
    ).toBe('Pat Example');
    expect(decryptField(keyring, text.textEncrypted, slot(consultationTextAnswers.textEncrypted, text.slotKey))).toBe(
      'Put posters in the library.',
    );
    expect(
      decryptField(keyring, contact.emailEncrypted, slot(consultationResultContacts.emailEncrypted, contact.slotKey)),
    ).toBe('pat@example.org');
    // The address keeps only the day, and nothing in its row points at the answer.
    // The language is for the results email; the answers keep none, so it cannot pair the two.
    expect(Object.keys(contact).sort()).toEqual([
      'consultation',
      'emailEncrypted',
      'id',
      'language',
      'receivedOn',
      'slotKey',
    ]);
    expect(Object.keys(answer)).not.toContain('language');
    expect(contact.language).toBe('en');
    expect(contact.receivedOn).toBe('2026-12-15');
  });
});
