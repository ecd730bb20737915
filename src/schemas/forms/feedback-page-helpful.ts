import { z } from 'zod';
import { t } from '../../i18n/t.ts';
import { memoize } from './memoize.ts';

/** Longest optional comment under "Was this page helpful?". */
export const COMMENT_MAX_LENGTH = 1000;

/**
 * The path of a page on this site: lower-case slugs only, so nothing a person typed (a search,
 * an email in a query string) can be stored in plain text through it.
 */
const sitePath = () =>
  z
    .string({ error: t('feedback.helpful.errors.path') })
    .max(200, { error: t('feedback.helpful.errors.path') })
    .regex(/^\/(?:[a-z0-9-]+\/)*$/, { error: t('feedback.helpful.errors.path') });

/** "Was this page helpful?" yes or no, sent from the block at the foot of every content page. */
export const pageHelpfulVoteSchema = memoize(() =>
  z.object({
    /** The page's path, e.g. "/what-is-it/". */
    path: sitePath(),
    /** "yes" or "no". */
    helpful: z.enum(['yes', 'no'], { error: t('feedback.helpful.errors.helpful') }),
  }),
);

/**
 * The optional comment after a vote. `followUp` is the signed token the vote returned, so a
 * comment attaches to that vote and no other. Empty comments are allowed: "no thanks".
 */
export const pageHelpfulCommentSchema = memoize(() =>
  z.object({
    /** The token returned when the vote was saved. */
    followUp: z
      .string({ error: t('forms.invalidRequest.body') })
      .min(10, { error: t('forms.invalidRequest.body') })
      .max(200, { error: t('forms.invalidRequest.body') }),
    /** The page's path, to link back to it. */
    path: sitePath(),
    /** Free text, up to 1,000 characters; encrypted at rest. Optional. */
    comment: z
      .unknown()
      .optional()
      .transform((value) => (typeof value === 'string' ? value.trim() : ''))
      .pipe(z.string().max(COMMENT_MAX_LENGTH, { error: t('feedback.helpful.comment.tooLong') })),
  }),
);

export type PageHelpfulVote = z.output<ReturnType<typeof pageHelpfulVoteSchema>>;
export type PageHelpfulComment = z.output<ReturnType<typeof pageHelpfulCommentSchema>>;
