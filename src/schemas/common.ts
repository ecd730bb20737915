import { z } from 'zod';

/**
 * Shapes shared by several content types. Each field carries CMS hints in `.meta()` so the
 * Decap configuration can be generated from these schemas (one source of truth per shape).
 */

/** A calendar date written as YYYY-MM-DD in front matter (YAML may also parse it to a Date). */
export const isoDate = () =>
  z
    .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD, like 2026-11-22')])
    .transform((value) => (value instanceof Date ? value : new Date(`${value}T00:00:00Z`)))
    .meta({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false });

/** A public source that backs up a fact we state. */
export const sourceSchema = () =>
  z.object({
    /** What the source is called, as its publisher titles it. */
    title: z.string().min(3).meta({ label: 'Source title' }),
    /** The public address of the source (https only). */
    url: z.url({ protocol: /^https$/ }).meta({ label: 'Web address' }),
    /** Who published it, e.g. "NHS England" or "Information Commissioner's Office". */
    publisher: z.string().min(2).meta({ label: 'Publisher' }),
  });

/**
 * Who signed off the legal claims in an entry, and when. A sentence such as "we never share it"
 * is a promise the scheme can be held to; the launch check (scripts/launch-check.ts) lists every
 * entry without this sign-off, and the content check warns about such sentences.
 */
export const legalReviewSchema = () =>
  z
    .object({
      /** The person or role who checked the legal claims, e.g. "Information Governance Lead". */
      by: z.string().min(3).meta({ label: 'Signed off by' }),
      /** The date they signed them off. */
      date: isoDate().meta({ label: 'Signed off on', widget: 'datetime' }),
    })
    .optional()
    .meta({ label: 'Legal review', required: false });

/**
 * Fields every entry type carries, whatever else it has.
 * `example`: the entry holds made-up facts (a test, a group, a number of people) that would read
 * as real. The site shows the example notice on it, as it does on stories, and the launch check
 * lists it until the comms team replaces it. Default false.
 * `legalReview`: see legalReviewSchema.
 */
export const entryFields = () => ({
  /** True while the entry holds made-up facts: the page says so. Default false. */
  example: z.boolean().default(false).meta({
    label: 'Example content (made up)',
    required: false,
    hint: 'Tick while this entry has made-up facts. The page says so, and the launch check lists it until you replace it.',
  }),
  legalReview: legalReviewSchema(),
});

/**
 * Review dates shown as "Page last reviewed / Next review due". Every content page carries
 * them so that residents can judge how current the information is, and so that the test
 * suite can list pages that are overdue for review. The entry fields come with them.
 */
export const reviewFields = () => ({
  /** The date the content owner last checked the page was still true. */
  lastReviewed: isoDate().meta({ label: 'Page last reviewed', widget: 'datetime' }),
  /** The date by which the page must be checked again (usually 12 months later). */
  nextReviewDue: isoDate().meta({ label: 'Next review due', widget: 'datetime' }),
  ...entryFields(),
});

/**
 * A justified exception to the reading-age target, for a page that cannot avoid
 * medical or legal words (NHS guidance allows 11–14 there). The reason is shown to reviewers.
 */
export const readingAgeOverrideSchema = () =>
  z
    .object({
      /** The highest reading age this page may score. */
      maxReadingAge: z.number().int().min(9).max(16).meta({ label: 'Highest reading age allowed' }),
      /** Why this page needs harder words than the target allows. */
      reason: z.string().min(20).meta({ label: 'Reason', widget: 'text' }),
    })
    .optional()
    .meta({ label: 'Reading age exception', required: false });
