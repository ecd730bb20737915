import { z } from 'zod';
import { isoDate } from './common.ts';

/**
 * Whether a professional translator has checked a translation. Engineers and machines draft
 * translations; until a person signs one off in the CMS, the page tells readers it is unchecked.
 */
export const translationReviewSchema = () =>
  z
    .object({
      /** "needs-review" until a professional translator has checked it; then "signed-off". */
      status: z.enum(['needs-review', 'signed-off']).meta({ label: 'Checked by a translator?' }),
      /** Who drafted or checked it, e.g. "Engineer draft" or the translator's name. */
      by: z.string().min(2).meta({ label: 'Drafted or checked by' }),
      /** The date of the draft, or of the sign-off. */
      on: isoDate().meta({ label: 'On', widget: 'datetime' }),
    })
    .meta({ label: 'Translation check' });

/**
 * One page translated from English: content/translations/<language>/<id>.md, where <id> is the
 * English entry's id in content/pages (`home` for the home page). Sources and review dates come from
 * the English entry, so they cannot drift apart.
 */
export const translationSchema = () =>
  z.object({
    /** The page heading (h1) and <title>, in the page's language. */
    title: z.string().min(3).max(120).meta({ label: 'Title' }),
    /** One or two sentences for search results and link previews, in the page's language. */
    description: z.string().min(20).max(300).meta({ label: 'Summary', widget: 'text' }),
    /**
     * The fingerprint of the English entry this was translated from (src/domain/source-hash.ts).
     * When the English changes, the page shows that the English was updated. Set it again after
     * bringing the translation up to date: `node --import tsx scripts/translation-hashes.ts` prints the current ones.
     */
    sourceHash: z
      .string()
      .regex(
        /^[0-9a-f]{16}$/,
        'Copy the 16-character fingerprint printed by: node --import tsx scripts/translation-hashes.ts',
      )
      .meta({ label: 'English version translated (fingerprint)' }),
    translationReview: translationReviewSchema(),
  });

export type TranslationData = z.infer<ReturnType<typeof translationSchema>>;
