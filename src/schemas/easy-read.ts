import { z } from 'zod';
import { readingAgeOverrideSchema, reviewFields } from './common.ts';

/**
 * Easy Read pages for the journeys that matter (issue 17): one idea per sentence, a picture beside
 * each point, words at 14 pt or more. Each page is an Easy Read version of a standard page and links
 * back to it; it is built at /easy-read/<file name>/ and prints without the site's menus.
 */

/**
 * A picture on this site: one of the Easy Read set in public/images/easy-read/ (120 by 120 SVGs),
 * or one the comms team uploads in the CMS, which keeps it in public/media/.
 */
const picturePath = () =>
  z
    .string()
    .regex(
      /^\/(images\/easy-read|media)\/[A-Za-z0-9._-]+\.(svg|png)$/,
      'Choose a picture from /images/easy-read/, like /images/easy-read/phone.svg, or upload an SVG or PNG',
    )
    .meta({ label: 'Picture', widget: 'image', hint: 'A simple picture: one from /images/easy-read/, or upload one.' });

/** One question on an Easy Read paper form, with its picture and the kind of box to fill in. */
export const easyReadQuestionSchema = () =>
  z.object({
    /** The picture beside the question. */
    picture: picturePath(),
    /** What the picture shows, for people who cannot see it. */
    pictureAlt: z.string().min(3).max(120).meta({ label: 'What the picture shows' }),
    /** The question, in one short sentence. */
    question: z.string().min(3).max(120).meta({ label: 'Question' }),
    /** A short example or help under the question. Default none. */
    hint: z.string().max(120).optional().meta({ label: 'Help under the question', required: false }),
    /**
     * The box to fill in: "write" a big box for words, "date" three boxes for day, month and year,
     * "tick" one box beside each option, "sign" a box for a signature and the date.
     */
    answer: z.enum(['write', 'date', 'tick', 'sign']).meta({ label: 'Answer box' }),
    /** For "tick" only: the options, one box each. Default none. */
    options: z.array(z.string().min(1).max(80)).default([]).meta({ label: 'Options to tick', required: false }),
  });

/** An Easy Read page. The Markdown body is the page: `![what the picture shows](/images/easy-read/x.svg) Words.` per point. */
export const easyReadSchema = () =>
  z.object({
    /** The page heading (h1) and <title>. */
    title: z.string().min(3).max(90).meta({ label: 'Title' }),
    /** One or two sentences for search results and link previews. */
    description: z.string().min(20).max(200).meta({ label: 'Summary', widget: 'text' }),
    /** The standard page this one is the Easy Read version of, e.g. /your-choices/. */
    fullVersion: z
      .string()
      .regex(/^\/[a-z0-9/-]*$/, 'Write the address of a page on this site, like /your-choices/')
      .meta({ label: 'Standard version (address on this site)' }),
    /** Position in the list on /easy-read/; lower comes first. Default 100. */
    order: z.number().int().default(100).meta({ label: 'Order in the list', required: false }),
    /** For a paper form: its questions, in order, printed with big boxes. Default none. */
    questions: z.array(easyReadQuestionSchema()).default([]).meta({ label: 'Paper form questions', required: false }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type EasyReadData = z.infer<ReturnType<typeof easyReadSchema>>;
export type EasyReadQuestion = z.infer<ReturnType<typeof easyReadQuestionSchema>>;
