import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveConsultationAnswer } from '../../src/server/consultations/store.ts';
import type { Store } from '../../src/server/db/client.ts';
import { consultationTextAnswers } from '../../src/server/db/consultations-schema.ts';
import { staffAuditLog } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/** The example consultation in content/ (its question ids are what the export's columns follow). */
const SLUG = 'how-we-write-to-you';

describeEachStore('consultations in the staff area', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let comms: { token: string; csrfToken: string };
  let ig: { token: string; csrfToken: string };
  beforeAll(async () => {
    store = await open();
    services = await testServices(store);
    comms = await sessionFor(services, (await activeStaff(services, ['comms'])).id, 'active');
    ig = await sessionFor(services, (await activeStaff(services, ['ig'])).id, 'active');
    const answer = (text: string, publishConsent: boolean, key: string) =>
      saveConsultationAnswer(
        services.store.db,
        services.keyring,
        SLUG,
        {
          choices: { 'best-way': ['An email'] },
          texts: { 'change-one-thing': text },
          publishConsent,
          name: '',
          email: '',
        },
        { idempotencyKey: key, now: new Date('2026-12-15T12:00:00Z') },
      );
    await answer('Posters in the library, please.', true, 'a');
    await answer('My neighbour at 4 Elm Road has cancer.', false, 'b');
  }, 60_000);
  afterAll(() => store.dispose());

  it('shows the moderator only answers whose authors agreed to publishing', async () => {
    const page = await (await staffRequest(services, { path: '/staff/consultations', token: comms.token })).text();
    expect(page).toContain('Posters in the library, please.');
    expect(page).not.toContain('Elm Road');
  });

  it('shows each answer beside the question and consultation as residents saw them, not their ids', async () => {
    const page = await (await staffRequest(services, { path: '/staff/consultations', token: comms.token })).text();
    const row = page.slice(page.indexOf('<tbody'), page.indexOf('</tbody>'));
    expect(row).toContain('If you could change one thing about how we tell you, what would it be?');
    expect(row).toContain('How should we tell you about the shared care record?');
    expect(row).not.toContain('>change-one-thing<');
  });

  it('approves an answer with its audit entry, and a second decision changes nothing', async () => {
    const [pending] = await store.db
      .select()
      .from(consultationTextAnswers)
      .where(eq(consultationTextAnswers.state, 'pending'));
    if (!pending) throw new Error('No pending answer');
    const decide = (decision: 'approve' | 'reject') =>
      staffRequest(services, {
        method: 'POST',
        path: `/staff/consultations/answers/${pending.id}/${decision}`,
        token: comms.token,
        form: { csrfToken: comms.csrfToken },
      });
    expect((await decide('approve')).headers.get('location')).toBe('/staff/consultations?done=approved');
    expect((await decide('reject')).headers.get('location')).toBe('/staff/consultations');
    const [row] = await store.db
      .select()
      .from(consultationTextAnswers)
      .where(eq(consultationTextAnswers.id, pending.id));
    expect(row?.state).toBe('approved');
    const audit = await store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.subjectRef, String(pending.id)));
    expect(audit.map((entry) => entry.action)).toEqual(['consultation.answer.approve']);
  });

  it('exports written answers only to the IG role; comms get the choices alone', async () => {
    const csv = async (session: { token: string }) =>
      (await staffRequest(services, { path: `/staff/consultations/${SLUG}/answers.csv`, token: session.token })).text();
    const forComms = await csv(comms);
    expect(forComms).toContain('"An email"');
    expect(forComms).not.toContain('Posters');
    expect(forComms).not.toContain('If you could change one thing');
    const forIg = await csv(ig);
    expect(forIg).toContain('Posters in the library, please.');
    expect(forIg).toContain('Elm Road');
    const exports = await store.db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'consultation.export'));
    expect(exports.map((entry) => entry.detail)).toEqual([{ withText: false }, { withText: true }]);
  });

  it('dates an answer sent at 00:30 in summer time on that day in London, not the day before in UTC', async () => {
    const { reference } = await saveConsultationAnswer(
      services.store.db,
      services.keyring,
      SLUG,
      { choices: { 'best-way': ['A letter'] }, texts: {}, publishConsent: false, name: '', email: '' },
      { idempotencyKey: 'just-after-midnight', now: new Date('2026-06-14T23:30:00Z') }, // 00:30 BST, 15 June
    );
    const csv = await (
      await staffRequest(services, { path: `/staff/consultations/${SLUG}/answers.csv`, token: comms.token })
    ).text();
    const row = csv.split('\r\n').find((line) => line.startsWith(`"${reference}",`));
    expect(row).toContain(`"${reference}","2026-06-15",`);
  });
});
