import { z } from 'zod';
import { isoDate, readingAgeOverrideSchema, reviewFields } from './common.ts';

/**
 * "You said, we did": what residents told us about a theme and what we changed because of it,
 * listed at /you-said-we-did/. Showing the change, not just the thanks, is what tells people that
 * speaking up is worth it. The Markdown body can say more, such as what we could not change and why.
 */
export const responseSchema = () =>
  z.object({
    /** A short headline naming the change, e.g. "Clearer letters about opting out". */
    title: z.string().min(5).max(120).meta({ label: 'Title' }),
    /** The themes it answers, in residents' words, e.g. "opting out", "letters". At least one. */
    themes: z
      .array(z.string().min(2).max(40))
      .min(1, 'Add at least one theme')
      .meta({ label: 'Themes', widget: 'list', hint: 'One theme in each box, in the words people used.' }),
    /** What we heard, in plain words: what people told us, not who told us. */
    weHeard: z.string().min(20).max(500).meta({
      label: 'What we heard',
      widget: 'text',
      hint: 'Do not name anyone or say anything that could identify them.',
    }),
    /** What we did about it, or are doing, and when. */
    weDid: z.string().min(20).max(500).meta({ label: 'What we did', widget: 'text' }),
    /** The date we published this response. */
    date: isoDate().meta({ label: 'Published' }),
    /** Updates (by their address) that tell more about the change. Default none. */
    relatedUpdates: z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Pick an update from the list'))
      .default([])
      .meta({
        label: 'Related updates',
        widget: 'relation',
        collection: 'updates',
        value_field: '{{slug}}',
        search_fields: ['title'],
        display_fields: ['title'],
        multiple: true,
        required: false,
      }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type ResponseData = z.infer<ReturnType<typeof responseSchema>>;
