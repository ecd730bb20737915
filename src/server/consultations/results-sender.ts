import { asc, eq, inArray, sql } from 'drizzle-orm';
import { consultationStage } from '../../domain/consultations.ts';
import { DEFAULT_LANGUAGE, type Language, TRANSLATED_LANGUAGES } from '../../i18n/languages.ts';
import { decryptField, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { consultationResultContacts, consultationResultSends } from '../db/consultations-schema.ts';
import { outboxMessages } from '../db/schema.ts';
import { log } from '../log.ts';
import { outboxRow } from '../mail/outbox.ts';
import type { Services } from '../services.ts';
import { readConsultation, translatedConsultation } from './definitions.ts';

export interface ResultsSenderDeps {
  db: Database;
  keyring: Keyring;
  /** CONTENT_DIR: the consultations as written, read as the results page reads them. */
  contentDir: string;
  now?: () => Date;
}

/** Outbox rows written this many at a time, so a popular consultation does not make one huge statement. */
const BATCH = 500;

/**
 * The results email (issue 18 part 2), run by the scheduled outbox work each minute. For every
 * consultation with addresses waiting whose results page is showing (the same rule the page uses:
 * consultationStage is "closed", the day after it closes), in ONE transaction: record the send,
 * queue one email per address through the outbox, in the language the address was given in, and
 * delete the addresses, whose only purpose is done. A crash before the commit leaves all three
 * undone, and the next run does them.
 *
 * Never twice, even with two senders at once: the addresses are read FOR UPDATE, so a second
 * sender waits for the first to commit and then finds them deleted; each email's dedupe key names
 * its address's random slot. An address left after the first run (an answer that came in as the
 * consultation closed) is sent for in a later run, and added to the record's count.
 */
export async function sendConsultationResults(deps: ResultsSenderDeps): Promise<{ slug: string; emails: number }[]> {
  const now = deps.now?.() ?? new Date();
  const waiting = await deps.db
    .selectDistinct({ slug: consultationResultContacts.consultation })
    .from(consultationResultContacts);
  const sent: { slug: string; emails: number }[] = [];
  for (const { slug } of waiting) {
    const consultation = await readConsultation(deps.contentDir, slug);
    if (!consultation) {
      // Visible, not silent: the file was removed, so these addresses wait for retention instead.
      log.warn('Results emails are waiting for a consultation that is not in the content', { consultation: slug });
      continue;
    }
    if (consultationStage(consultation, now) !== 'closed') continue;
    // Each language's title, where the consultation is translated into it: the email then links
    // the results page in that language. Without a translation (removed since the answer), the
    // English title and page, and the email says the page is in English.
    const titles = new Map<Language, string>([[DEFAULT_LANGUAGE, consultation.title]]);
    for (const lang of TRANSLATED_LANGUAGES) {
      const translated = await translatedConsultation(deps.contentDir, slug, lang, consultation);
      if (translated) titles.set(lang, translated.title);
    }
    const emails = await deps.db.transaction(async (tx) => {
      const contacts = await tx
        .select()
        .from(consultationResultContacts)
        .where(eq(consultationResultContacts.consultation, slug))
        .orderBy(asc(consultationResultContacts.id))
        .for('update');
      if (contacts.length === 0) return 0; // another sender took them first
      const rows = contacts.map((contact) =>
        outboxRow(deps.keyring, {
          dedupeKey: `consultation-results:${contact.slotKey}`,
          to: decryptField(
            deps.keyring,
            contact.emailEncrypted,
            slotOf(consultationResultContacts.emailEncrypted, contact.slotKey),
          ),
          template: 'consultation-results',
          params: {
            slug,
            title: titles.get(contact.language) ?? consultation.title,
            lang: contact.language,
            page: titles.has(contact.language) ? contact.language : DEFAULT_LANGUAGE,
          },
        }),
      );
      for (let start = 0; start < rows.length; start += BATCH) {
        await tx
          .insert(outboxMessages)
          .values(rows.slice(start, start + BATCH))
          .onConflictDoNothing({ target: outboxMessages.dedupeKey });
      }
      await tx.delete(consultationResultContacts).where(
        inArray(
          consultationResultContacts.id,
          contacts.map((contact) => contact.id),
        ),
      );
      await tx
        .insert(consultationResultSends)
        .values({ consultation: slug, sentAt: now, recipients: contacts.length })
        .onConflictDoUpdate({
          target: consultationResultSends.consultation,
          set: { recipients: sql`${consultationResultSends.recipients} + ${contacts.length}` },
        });
      return contacts.length;
    });
    if (emails > 0) sent.push({ slug, emails });
  }
  return sent;
}

/**
 * One run of the results sender with the running services, as the scheduled sends run it
 * (src/server/mail/scheduled-sends.ts). Returns how many emails it queued.
 */
export async function runResultsSender(
  services: Pick<Services, 'store' | 'keyring' | 'env'>,
  now?: () => Date,
): Promise<number> {
  const sent = await sendConsultationResults({
    db: services.store.db,
    keyring: services.keyring,
    contentDir: services.env.CONTENT_DIR,
    ...(now ? { now } : {}),
  });
  const emails = sent.reduce((sum, consultation) => sum + consultation.emails, 0);
  if (sent.length > 0) {
    log.info('Consultation results emails queued', {
      consultations: sent.map((consultation) => `${consultation.slug}:${consultation.emails}`).join(','),
      emails,
    });
  }
  return emails;
}
