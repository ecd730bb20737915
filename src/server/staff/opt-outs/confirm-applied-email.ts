import { sql } from 'drizzle-orm';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import { languageOr } from '../../../i18n/languages.ts';
import type { SettingsData } from '../../../schemas/settings.ts';
import { decryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Transaction } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { outboxMessages } from '../../db/schema.ts';
import { outboxRow } from '../../mail/outbox.ts';
import { jsonOf } from './json-rows.ts';

/**
 * Rows per statement. Each statement takes its rows as one JSON parameter (json_to_recordset),
 * not four parameters a row: at 1,000 rows a statement, a multi-row VALUES list of 4,000
 * parameters cost about 0.27 ms a row to build, send and plan (2.35 s for 8,818 emails in the
 * surge bench, 2026-12-06), more than the encryption.
 */
const CHUNK = 2000;

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
      .where(
        sql`${optOutRequests.id} in (select value::bigint from json_array_elements_text(${jsonOf(ids.slice(start, start + CHUNK))}))`,
      );
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
      await tx.execute(sql`insert into ${outboxMessages} (dedupe_key, recipient_encrypted, template, params_encrypted)
        select x.key, x.recipient, x.template, x.params
        from json_to_recordset(${jsonOf(messages.map((m) => ({ key: m.dedupeKey, recipient: m.recipientEncrypted, template: m.template, params: m.paramsEncrypted })))})
          as x(key text, recipient text, template text, params text)
        on conflict (dedupe_key) do nothing`);
  }
  return emailed;
}
