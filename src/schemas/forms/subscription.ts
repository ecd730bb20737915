import { z } from 'zod/mini';
import { EMAIL_MAX_LENGTH } from '../../domain/email-address.ts';
import {
  SUBSCRIPTION_FREQUENCIES,
  SUBSCRIPTION_TOPICS,
  type SubscriptionFrequency,
  type SubscriptionTopic,
} from '../../domain/subscriptions.ts';
import { t } from '../../i18n/t.ts';
import { memoize } from './memoize.ts';

/** A posted list: one ticked box arrives as text, several as a list, none as nothing. */
const postedList = () =>
  z.pipe(
    z.optional(z.unknown()),
    z.transform((value: unknown): unknown[] =>
      Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value],
    ),
  );

/**
 * The topics and how often, as the sign-up form and the manage page both post them: what a
 * subscriber can change later without signing in. Ticking "all" keeps only "all", so the stored
 * choice means "everything, including topics added later".
 */
export const subscriptionChoicesSchema = memoize(() =>
  z.object({
    /** One or more of SUBSCRIPTION_TOPICS. Required. */
    topics: z.pipe(
      z.pipe(
        postedList(),
        // Unknown values (a tampered post) are dropped; none left is the same as none ticked.
        z.transform((posted: unknown[]): SubscriptionTopic[] => {
          const ticked = SUBSCRIPTION_TOPICS.filter((topic) => posted.includes(topic));
          return ticked.includes('all') ? ['all'] : ticked;
        }),
      ),
      z.array(z.enum(SUBSCRIPTION_TOPICS)).check(z.minLength(1, { error: t('subscriptions.errors.topics.required') })),
    ),
    /** "immediate" (one email per update) or "weekly" (a digest). Required. */
    frequency: z.enum(SUBSCRIPTION_FREQUENCIES, { error: t('subscriptions.errors.frequency.required') }),
  }),
);

/** The sign-up form (/updates/subscribe/): the address, then the choices. */
export const subscribeFormSchema = memoize(() =>
  z.extend(
    z.object({
      /** Where to send the confirmation link and the updates. Trimmed; up to 254 characters (RFC 5321). */
      email: z.pipe(
        z.pipe(
          z.optional(z.unknown()),
          z.transform((value: unknown) => (typeof value === 'string' ? value.trim() : '')),
        ),
        z.pipe(
          z
            .string()
            .check(
              z.minLength(1, { error: t('subscriptions.errors.email.required') }),
              z.maxLength(EMAIL_MAX_LENGTH, { error: t('subscriptions.errors.email.invalid') }),
            ),
          z.email({ error: t('subscriptions.errors.email.invalid') }),
        ),
      ),
    }),
    subscriptionChoicesSchema().shape,
  ),
);

export type SubscriptionChoices = z.output<ReturnType<typeof subscriptionChoicesSchema>>;
export type SubscribeSubmission = z.output<ReturnType<typeof subscribeFormSchema>>;

/** What was typed or ticked, put back into the form after errors. */
export interface SubscribeFormValues {
  email?: string | undefined;
  topics?: readonly string[] | undefined;
  frequency?: string | undefined;
}

/** The raw fields of a post as form values (nothing is trusted: only text is kept). */
export function subscribeFormValues(fields: Record<string, unknown>): SubscribeFormValues {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const list = Array.isArray(fields['topics']) ? fields['topics'] : [fields['topics']];
  return {
    email: text(fields['email']),
    topics: list.filter((value): value is string => typeof value === 'string'),
    frequency: text(fields['frequency']),
  };
}

export type { SubscriptionFrequency, SubscriptionTopic };
