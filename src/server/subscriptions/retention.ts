import { and, isNull, lte } from 'drizzle-orm';
import { UNCONFIRMED_SUBSCRIPTION_DAYS } from '../../domain/subscriptions.ts';
import { emailSubscriptions } from '../db/subscriptions-schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A confirmation link works for 7 days from the sign-up; at the same moment the retention job may
 * delete the unconfirmed address, so the link and the row end together.
 */
export const confirmLinkCutoff = (now: Date) => new Date(now.getTime() - UNCONFIRMED_SUBSCRIPTION_DAYS * DAY_MS);

/** The sign-ups the retention job deletes at `now`: never confirmed, and made 7 days ago or more. */
export const unconfirmedExpired = (now: Date) =>
  and(isNull(emailSubscriptions.confirmedAt), lte(emailSubscriptions.createdAt, confirmLinkCutoff(now)));
