import { and, eq, sql } from 'drizzle-orm';
import type { SettingsData } from '../../schemas/settings.ts';
import { decryptField, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { outboxMessages } from '../db/schema.ts';
import { staffUsers } from '../db/staff-schema.ts';
import { outboxRow } from '../mail/outbox.ts';
import { forecastBacklog } from './forecast.ts';

export interface ForecastAlertDeps {
  db: Database;
  keyring: Keyring;
  settings: SettingsData;
  now?: () => Date;
}

/** The outbox dedupe key for one officer's alert on one London day: the outbox's unique key makes it once a day. */
export const forecastAlertKey = (today: string, staffId: number) => `staff-forecast:${today}:${staffId}`;

/**
 * Runs with the retention job (every 15 minutes): when the opt-out backlog will not clear within
 * the promise to residents, every active IG officer is emailed through the outbox. The dedupe key
 * holds the London date, so however often the job runs, each officer gets at most one a day, and
 * again the next day while the breach lasts. With no rate to forecast from, nobody is emailed: the
 * staff home says "Not enough data". Returns how many emails it queued (0 when already sent today).
 */
export async function alertOnForecastBreach(deps: ForecastAlertDeps): Promise<{ breaches: boolean; queued: number }> {
  const now = deps.now?.() ?? new Date();
  const forecast = await forecastBacklog(deps.db, now, deps.settings.responseTargets.optOutWorkingDays);
  if (!forecast.breaches || forecast.clearsOn === null || forecast.clearsInWorkingDays === null) {
    return { breaches: false, queued: 0 };
  }
  const officers = await deps.db
    .select({ id: staffUsers.id, emailEncrypted: staffUsers.emailEncrypted })
    .from(staffUsers)
    .where(and(eq(staffUsers.status, 'active'), sql`'ig' = any(${staffUsers.roles})`));
  if (officers.length === 0) return { breaches: true, queued: 0 };
  const params = {
    backlog: String(forecast.backlog),
    clearsInWorkingDays: String(forecast.clearsInWorkingDays),
    clearsOn: forecast.clearsOn,
    promiseWorkingDays: String(forecast.promiseWorkingDays),
    promiseDate: forecast.promiseDate,
    sampleDays: String(forecast.days.length),
  };
  const queued = await deps.db
    .insert(outboxMessages)
    .values(
      officers.map((officer) =>
        outboxRow(deps.keyring, {
          dedupeKey: forecastAlertKey(forecast.today, officer.id),
          to: decryptField(deps.keyring, officer.emailEncrypted, slotOf(staffUsers.emailEncrypted, officer.id)),
          template: 'staff-forecast-breach',
          params,
        }),
      ),
    )
    .onConflictDoNothing({ target: outboxMessages.dedupeKey })
    .returning({ id: outboxMessages.id });
  return { breaches: true, queued: queued.length };
}
