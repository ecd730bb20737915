import { z } from 'zod';
import { readingAgeOverrideSchema, reviewFields } from './common.ts';

/**
 * An illustrative story of how the shared record helped someone. Stories are invented
 * to illustrate; the page always says so, so nobody mistakes them for a real patient.
 */
export const storySchema = () =>
  z.object({
    /** The story's headline. */
    title: z.string().min(5).max(120).meta({ label: 'Title' }),
    /** One or two sentences for lists. */
    summary: z.string().min(20).max(280).meta({ label: 'Summary', widget: 'text' }),
    /** The made-up first name of the person in the story. */
    person: z.string().min(2).max(40).meta({ label: 'Person (made-up name)' }),
    /** Which services shared information in the story, e.g. "GP", "paramedic". */
    services: z.array(z.string().min(2)).min(1).meta({ label: 'Services involved', widget: 'list' }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type StoryData = z.infer<ReturnType<typeof storySchema>>;
