import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
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
});
