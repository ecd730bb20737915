import { z } from 'zod';

/**
 * The partner toolkit's own words (issue 18 part 3): what GP practices, pharmacies, care homes,
 * councils and voluntary groups print, send and post. One file, content/toolkit/toolkit.yaml.
 * Everything else on the toolkit's pages (the scheme's name, address, phone, the summaries of what
 * the record is and of people's choices, the Easy Read points) comes from the other collections,
 * so a change there reaches every poster and leaflet at the next build.
 *
 * Texts may use {scheme}, {area}, {link} and {phone}: the build fills them in from the site settings
 * and the site's address.
 */
const fillable = (label: string, hint?: string) =>
  z
    .string()
    .min(10)
    .meta({ label, widget: 'text', hint: hint ?? 'You can write {scheme}, {area}, {link} or {phone}.' });

export const toolkitSchema = () =>
  z.object({
    /** The sentence under the heading on /toolkit/. */
    intro: fillable('Introduction on /toolkit/'),
    /** Who the toolkit is for and what each kind of partner might use. */
    audiences: z
      .array(
        z.object({
          /** A kind of partner, e.g. "GP practices". */
          name: z.string().min(3).meta({ label: 'Kind of partner' }),
          /** What they might use, in one sentence. */
          use: z.string().min(10).meta({ label: 'What they might use' }),
        }),
      )
      .min(1)
      .meta({ label: 'Who the toolkit is for' }),
    /** The poster's call to action, under the summary of what the record is. */
    posterAction: fillable('Poster: what to do'),
    /** The practice letter, one paragraph a line, after "Dear patient". */
    letter: z.array(fillable('Paragraph')).min(1).meta({ label: 'Practice letter paragraphs' }),
    /** Questions patients ask at the desk, and what to say. */
    script: z
      .array(
        z.object({
          /** What the patient asks. */
          question: z.string().min(5).meta({ label: 'The patient asks' }),
          /** What the receptionist says. */
          answer: fillable('You say'),
        }),
      )
      .min(1)
      .meta({ label: 'Reception desk script' }),
    /** The text message. With {link} filled in it must fit in one message: 160 characters of the GSM alphabet. */
    textMessage: fillable('Text message', 'Must fit in 160 characters with the link. Use {link}. No curly quotes.'),
    /** Posts for social media, one each. */
    socialPosts: z.array(fillable('Post')).min(1).meta({ label: 'Social media posts' }),
    /** A paragraph for a practice or parish newsletter. */
    newsletter: fillable('Newsletter paragraph'),
    /** The short headings and lines around the comms team's words on each item. */
    labels: z
      .object({
        /** Leaflet: heading over the summary of the record. */
        whatIsIt: z.string().min(2).meta({ label: 'Leaflet: heading over the summary of the record' }),
        /** Leaflet: heading over the summary of the choices. */
        yourChoices: z.string().min(2).meta({ label: 'Leaflet: heading over the summary of the choices' }),
        /** Leaflet: heading on the back. */
        findOutMore: z.string().min(2).meta({ label: 'Leaflet: heading on the back' }),
        /** Leaflet: before the phone hours. */
        phoneLinesOpen: z.string().min(2).meta({ label: 'Leaflet: before the phone hours' }),
        /** Leaflet: before the postal address. */
        writeToUs: z.string().min(2).meta({ label: 'Leaflet: before the postal address' }),
        /** Letter: the line the practice fills in at the top. */
        letterFrom: z.string().min(2).meta({ label: 'Letter: the line the practice fills in at the top' }),
        /** Letter: the greeting. */
        letterGreeting: z.string().min(2).meta({ label: 'Letter: the greeting' }),
        /** Letter: the sign-off. */
        letterSignOff: z.string().min(2).meta({ label: 'Letter: the sign-off' }),
        /** Letter: the line for the signature. */
        letterSignature: z.string().min(2).meta({ label: 'Letter: the line for the signature' }),
        /** Desk script: before each answer. */
        youSay: z.string().min(2).meta({ label: 'Desk script: before each answer' }),
        /** Desk script (Easy Read): what staff do with it. */
        showPictures: z.string().min(2).meta({ label: 'Desk script (Easy Read): what staff do with it' }),
        /** Text message: before its length. */
        textLength: z.string().min(2).meta({ label: 'Text message: before its length' }),
        /** QR code: how to use it. */
        qrInstruction: z.string().min(2).meta({ label: 'QR code: how to use it' }),
        /** Easy Read: the phone point (you can write {phone}). */
        callUs: z.string().min(2).meta({ label: 'Easy Read: the phone point (you can write {phone})' }),
      })
      .meta({ label: 'Headings and short lines' }),
    /** The Easy Read page whose points (picture and words) the Easy Read versions reuse, e.g. "opt-out". */
    easyReadPage: z.string().min(2).meta({ label: 'Easy Read page to reuse (file name)' }),
    /** Which of that page's sections (its ## headings) to reuse, in order. */
    easyReadSections: z.array(z.string().min(3)).min(1).meta({ label: 'Easy Read sections to reuse' }),
  });

export type ToolkitData = z.infer<ReturnType<typeof toolkitSchema>>;
