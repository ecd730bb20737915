import { z } from 'zod';
import { entryFields, isoDate } from './common.ts';

/** Tags an update can carry. "newly-shared" marks a change to what the record holds. */
export const updateTags = ['newly-shared', 'news', 'new-organisation', 'service-change', 'event'] as const;

/**
 * Tags that announce new sharing: new data in the record, or new organisations that see it.
 * Such an update must say when the sharing starts, and say it in good time (Caldicott principle 8,
 * "no surprises"): see src/domain/sharing-notice.ts.
 */
export const newSharingTags: readonly (typeof updateTags)[number][] = ['newly-shared', 'new-organisation'];

/** A news item at /updates/<slug>/ and in the RSS feed. The Markdown body is the story. */
export const updateSchema = () =>
  z
    .object({
      /** The headline. */
      title: z.string().min(5).max(120).meta({ label: 'Headline' }),
      /** One or two sentences used in lists and the RSS feed. */
      summary: z.string().min(20).max(280).meta({ label: 'Summary', widget: 'text' }),
      /** The date it was published. */
      date: isoDate().meta({ label: 'Published', widget: 'datetime' }),
      /** Tags; "newly-shared" marks a change to what the record holds. Default none. */
      tags: z
        .array(z.enum(updateTags))
        .default([])
        .meta({ label: 'Tags', widget: 'select', multiple: true, required: false }),
      /**
       * For new sharing (tagged "newly-shared" or "new-organisation"): the day it starts. It must be
       * at least the settings' notice period after the published date, so people can opt out first.
       * Until then the site shows "Coming on <date>". Default none (not new sharing).
       */
      sharingStarts: isoDate().optional().meta({
        label: 'Sharing starts on',
        widget: 'datetime',
        required: false,
        hint: 'For new sharing only. Publish at least 28 days before (the notice period in Site settings), so people can opt out first.',
      }),
      ...entryFields(),
    })
    .refine(
      (update) => update.sharingStarts !== undefined || !update.tags.some((tag) => newSharingTags.includes(tag)),
      {
        path: ['sharingStarts'],
        message:
          'Give the date the new sharing starts: people must be told before it begins, so they can opt out first',
      },
    );

export type UpdateData = z.infer<ReturnType<typeof updateSchema>>;
