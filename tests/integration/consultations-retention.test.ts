import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { minimiseConsultationAnswers } from '../../src/server/consultations/retention.ts';
import { saveConsultationAnswer } from '../../src/server/consultations/store.ts';
import type { Store } from '../../src/server/db/client.ts';
import {
  consultationAnswers,
  consultationResultContacts,
  consultationTextAnswers,
} from '../../src/server/db/consultations-schema.ts';
import { runRetention } from '../../src/server/retention.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2027-12-15T12:00:00Z');

describeEachStore('consultation answers under the retention settings', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('deletes names, unpublished written answers and results addresses after the period, keeping choices and approved quotes', async () => {
    const settings = await readSiteSettings();
    const period = settings.retention.consultationAnswerDays;
    const save = (key: string, daysAgo: number) =>
      saveConsultationAnswer(
        store.db,
        keyring,
        'example',
        {
          choices: { 'best-way': ['An email'] },
          texts: { ideas: `Written ${key}` },
          publishConsent: true,
          name: `Name ${key}`,
          email: `${key}@example.org`,
        },
        { idempotencyKey: key, now: new Date(NOW.getTime() - daysAgo * DAY) },
      );
    await save('old', period + 1);
    await save('old-approved', period + 1);
    await save('recent', period - 1);
    // The second old one was approved for publishing; the others wait.
    const texts = await store.db.select().from(consultationTextAnswers).orderBy(consultationTextAnswers.id);
    const approvedId = texts[1]?.id ?? 0;
    await store.db
      .update(consultationTextAnswers)
      .set({ state: 'approved' })
      .where(eq(consultationTextAnswers.id, approvedId));

    const counts = await runRetention({ db: store.db, keyring, settings, now: () => NOW });
    expect(counts.consultations).toBe(1);
    const left = await store.db.select().from(consultationTextAnswers);
    expect(left.map((row) => row.id).sort()).toEqual([approvedId, texts[2]?.id].sort());
    const answers = await store.db.select().from(consultationAnswers);
    expect(answers).toHaveLength(3);
    expect(
      answers
        .filter((row) => row.nameEncrypted === null)
        .map((row) => row.idempotencyKey)
        .sort(),
    ).toEqual(['old', 'old-approved']);
    expect(await store.db.select().from(consultationResultContacts)).toHaveLength(1);
  });

  it('never deletes a results address before the period ends: only the London days wholly before the cutoff go', async () => {
    const save = (key: string, now: Date) =>
      saveConsultationAnswer(
        store.db,
        keyring,
        'example',
        { choices: {}, texts: {}, publishConsent: false, name: '', email: `${key}@example.org` },
        { idempotencyKey: key, now },
      );
    // A results address keeps only the day it was given, in London (store.ts).
    await save('late-evening', new Date('2026-06-14T22:30:00Z')); // 23:30 BST on 14 June
    await save('after-midnight', new Date('2026-06-14T23:30:00Z')); // 00:30 BST on 15 June
    const daysLeft = async () =>
      (await store.db.select().from(consultationResultContacts)).map((row) => row.receivedOn).sort();

    // The period ends at 13:00 BST on 14 June: both were given later that day or after, so both stay.
    await minimiseConsultationAnswers(store.db, new Date('2026-06-14T12:00:00Z'));
    expect(await daysLeft()).toEqual(['2026-06-14', '2026-06-15']);
    // At 00:15 BST on 15 June all of 14 June is past the period; the address given at 00:30 is not.
    await minimiseConsultationAnswers(store.db, new Date('2026-06-14T23:15:00Z'));
    expect(await daysLeft()).toEqual(['2026-06-15']);
    await minimiseConsultationAnswers(store.db, new Date('2026-06-15T23:30:00Z')); // 00:30 BST on 16 June
    expect(await daysLeft()).toEqual([]);
  });
});
