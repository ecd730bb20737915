import { z } from 'zod';
import { readingAgeOverrideSchema, reviewFields, sourceSchema } from './common.ts';

/** An explanation page, such as /what-is-the-shared-care-record/. The Markdown body is the page. */
export const pageSchema = () =>
  z.object({
    /** The page heading (h1) and <title>. Plain words, no jargon. */
    title: z.string().min(3).max(90).meta({ label: 'Title' }),
    /** One or two sentences for search results and link previews. */
    description: z.string().min(20).max(200).meta({ label: 'Summary', widget: 'text' }),
    /** Position in the "About the record" navigation; lower comes first. Default 100. */
    order: z.number().int().default(100).meta({ label: 'Order in menus', required: false }),
    /** Public sources that back up facts on the page. Default none. */
    sources: z.array(sourceSchema()).default([]).meta({ label: 'Sources', required: false }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type PageData = z.infer<ReturnType<typeof pageSchema>>;
