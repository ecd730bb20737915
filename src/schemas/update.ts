import { z } from 'zod';
import { isoDate } from './common.ts';

/** Tags an update can carry. "newly-shared" marks a change to what the record holds. */
export const updateTags = ['newly-shared', 'news', 'new-organisation', 'service-change', 'event'] as const;

/** A news item at /updates/<slug>/ and in the RSS feed. The Markdown body is the story. */
export const updateSchema = () =>
  z.object({
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
  });

export type UpdateData = z.infer<ReturnType<typeof updateSchema>>;
