import { z } from 'zod';
import { readingAgeOverrideSchema, reviewFields, sourceSchema } from './common.ts';

/**
 * A myth and the facts that answer it, one page each at /myths/<slug>/.
 * The Markdown body is the evidence, written for residents.
 */
export const mythSchema = () =>
  z.object({
    /** The worry in people's own words, e.g. "Will my data be sold?" */
    myth: z.string().min(5).max(140).meta({ label: 'The myth, in people’s words' }),
    /** The short true answer, one or two sentences. */
    fact: z.string().min(10).max(300).meta({ label: 'The fact', widget: 'text' }),
    /** Position on /myths/ and the home page; lower comes first. Default 100. */
    order: z.number().int().default(100).meta({ label: 'Order', required: false }),
    /** Evidence: at least one public source. */
    sources: z.array(sourceSchema()).min(1, 'Add at least one source for the evidence').meta({ label: 'Sources' }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type MythData = z.infer<ReturnType<typeof mythSchema>>;
