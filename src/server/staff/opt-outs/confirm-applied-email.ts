import { inArray } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { languageOr } from '../../../i18n/languages.ts';
import type { SettingsData } from '../../../schemas/settings.ts';
import { decryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Transaction } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { outboxMessages } from '../../db/schema.ts';
import { outboxRow } from '../../mail/outbox.ts';

/** Rows per statement (PostgreSQL takes at most 65,535 parameters in one). */
const CHUNK = 1000;

/**
 * "Your opt-out is in place", queued in the step's own transaction for each person who gave an
 * email address, in the language of the form they used. Called by takeStepsWithin for every
 * "apply" (one request's page, the bulk step, the confirmation file), so all three tell people
 * the same thing. The dedupe key means a request is told once, however it was applied.
 */
export async function emailApplied(
  tx: Transaction,
  deps: { keyring: Keyring; settings: SettingsData },
  rows: readonly { id: number; hasEmail: boolean }[],
  appliedOn: CalendarDate,
): Promise<Set<string>> {
  const emailed = new Set<string>();
  const ids = rows.filter((row) => row.hasEmail).map((row) => row.id);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const people = await tx
      .select({
        reference: optOutRequests.reference,
        email: optOutRequests.contactEmailEncrypted,
        language: optOutRequests.language,
      })
      .from(optOutRequests)
      .where(inArray(optOutRequests.id, ids.slice(start, start + CHUNK)));
    const messages = people.flatMap(({ reference, email, language }) => {
      if (!email) return [];
      emailed.add(reference);
      return [
        outboxRow(deps.keyring, {
          dedupeKey: `opt-out:${reference}:applied`,
          to: decryptField(deps.keyring, email, slotOf(optOutRequests.contactEmailEncrypted, reference)),
          template: 'opt-out-applied',
          params: { reference, appliedOn, phone: deps.settings.contact.phone, lang: languageOr(language) },
        }),
      ];
    });
    // One statement per chunk rather than one per person: a 50,000-row file emails thousands at once.
    if (messages.length > 0)
      await tx.insert(outboxMessages).values(messages).onConflictDoNothing({ target: outboxMessages.dedupeKey });
  }
  return emailed;
}
