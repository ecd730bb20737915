import { z } from 'zod';
import { readingAgeOverrideSchema, reviewFields, sourceSchema } from './common.ts';

/** The groups FAQs are shown under on /faqs/, in this order. */
export const faqGroups = [
  'about',
  'whats-in-it',
  'who-can-see-it',
  'keeping-it-safe',
  'your-choices',
  'contact',
] as const;

/** One frequently asked question. The Markdown body is the answer. */
export const faqSchema = () =>
  z.object({
    /** The question in the words residents use, ending with a question mark. */
    question: z
      .string()
      .min(5)
      .max(140)
      .endsWith('?', 'End the question with a question mark')
      .meta({ label: 'Question' }),
    /** Which group the question sits in on /faqs/. */
    group: z.enum(faqGroups).meta({ label: 'Group', widget: 'select' }),
    /** Position within its group; lower comes first. Default 100. */
    order: z.number().int().default(100).meta({ label: 'Order', required: false }),
    /** Public sources that back up the answer. Default none. */
    sources: z.array(sourceSchema()).default([]).meta({ label: 'Sources', required: false }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type FaqData = z.infer<ReturnType<typeof faqSchema>>;
