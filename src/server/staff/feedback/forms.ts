import { z } from 'zod';
import { FEEDBACK_STATUSES, FEEDBACK_TYPES } from '../../../domain/feedback.ts';
import { type MessageKey, t } from '../../../i18n/t.ts';

/**
 * The feedback queue's inputs, one zod schema each: the list's filter form (a GET, so it works
 * without JavaScript and a filtered list can be bookmarked) and every action on an item. The same
 * schemas read a form post and a JSON body.
 */

/** A filter left at "any" posts an empty string; that means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const feedbackFilterSchema = z.object({
  /** One type, or any. */
  type: optional(z.enum(FEEDBACK_TYPES)).catch(undefined),
  /** "open" (default: all but closed), one status, or "all". */
  status: optional(z.enum([...FEEDBACK_STATUSES, 'open', 'all'])).catch(undefined),
  /** One theme, or any. */
  theme: optional(z.string().trim().toLowerCase().max(60)).catch(undefined),
  /** Due today, or within 5 working days. */
  due: optional(z.enum(['today', 'week'])).catch(undefined),
  /** "yes" for overdue items only. */
  overdue: optional(z.enum(['yes'])).catch(undefined),
});
export type FeedbackFilter = z.infer<typeof feedbackFilterSchema>;

/** A yes/no from a checkbox ("yes") or JSON (true). */
const tick = () =>
  z
    .union([z.literal('yes'), z.boolean()])
    .optional()
    .transform((value) => value === true || value === 'yes');

export const assignSchema = () =>
  z.object({
    /** "me", "nobody" or a staff id. */
    assignTo: z
      .union([z.number().int().positive().transform(String), z.string()])
      .pipe(z.string().regex(/^(me|nobody|\d{1,12})$/, { error: t('staffQueues.error.assignTo') })),
  });

export const statusSchema = () =>
  z.object({ status: z.enum(FEEDBACK_STATUSES, { error: t('staffQueues.error.status') }) });

/** Add one theme, or remove one (the remove buttons post `remove`). */
export const themesSchema = () =>
  z
    .object({
      theme: z
        .string()
        .trim()
        .toLowerCase()
        .max(60, { error: t('staffQueues.error.themeLength') })
        .optional(),
      remove: z.string().trim().toLowerCase().optional(),
    })
    .refine((value) => Boolean(value.theme) || Boolean(value.remove), {
      error: t('staffQueues.error.theme'),
      path: ['theme'],
    });

/** A required free-text field: trimmed, with its "enter…" and "too long" messages. */
export const requiredText = (empty: MessageKey, tooLong: MessageKey, max: number) =>
  z
    .string({ error: t(empty) })
    .trim()
    .min(1, { error: t(empty) })
    .max(max, { error: t(tooLong) });

export const noteSchema = () =>
  z.object({ note: requiredText('staffQueues.error.note', 'staffQueues.error.noteLength', 5000) });

export const replySchema = () =>
  z.object({
    reply: requiredText('staffQueues.error.reply', 'staffQueues.error.replyLength', 10_000),
    markAnswered: tick(),
    /** Rights requests: how the officer checked the request and the email address are the person's. */
    verified: z
      .string()
      .trim()
      .max(2000, { error: t('staffQueues.error.verifiedLength') })
      .optional()
      .transform((value) => value || undefined),
  });

/** The three boxes of the agreed response date; checked as a date in the handler. */
export const agreeDateSchema = () =>
  z.object({
    agreedDay: z.string().default(''),
    agreedMonth: z.string().default(''),
    agreedYear: z.string().default(''),
  });

export const extendSchema = () =>
  z.object({
    months: z.coerce
      .number({ error: t('staffQueues.error.months') })
      .pipe(z.union([z.literal(1), z.literal(2)], { error: t('staffQueues.error.months') })),
    reason: requiredText('staffQueues.error.reason', 'staffQueues.error.reasonLength', 2000),
  });
