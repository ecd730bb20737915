import { z } from 'zod';
import { UPDATE_TOPICS } from '../domain/subscriptions.ts';
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
      /**
       * Which email topic the update goes out under (src/domain/subscriptions.ts). Default: taken
       * from the tags (new sharing, events); an update with neither goes only to "all updates".
       */
      topic: z.enum(UPDATE_TOPICS).optional().meta({
        label: 'Email topic',
        widget: 'select',
        required: false,
        hint: 'Who gets this by email, besides people who chose “all updates”. Leave empty to go by the tags.',
      }),
      /**
       * Email this update again after an edit. Default off: a typo fix is not sent twice. Each
       * changed version is sent at most once even if the box stays ticked.
       */
      sendAgain: z.boolean().default(false).meta({
        label: 'Send again by email',
        required: false,
        hint: 'Tick only for a change people must hear about. Fixing a typo does not need it.',
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
