import { z } from 'zod';
import { entryFields } from './common.ts';

/** A date and time in front matter, written as 2026-12-03T18:30 (UK local time). */
const localDateTime = () =>
  z
    .union([
      z.date(),
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Write the date and time as YYYY-MM-DDTHH:MM, like 2026-12-03T18:30'),
    ])
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 16) : v))
    .meta({ widget: 'datetime', format: 'YYYY-MM-DDTHH:mm' });

/** A public meeting at /events/<slug>/, with a calendar file. The Markdown body describes it. */
export const eventSchema = () =>
  z.object({
    /** The event's name. */
    title: z.string().min(5).max(120).meta({ label: 'Title' }),
    /** One or two sentences for lists. */
    summary: z.string().min(20).max(280).meta({ label: 'Summary', widget: 'text' }),
    /** When it starts, UK local time. */
    start: localDateTime().meta({ label: 'Starts' }),
    /** When it ends, UK local time. */
    end: localDateTime().meta({ label: 'Ends' }),
    /** Where it is held. */
    venue: z
      .object({
        /** The venue's name, e.g. "Ashby Central Library". */
        name: z.string().min(3).meta({ label: 'Venue name' }),
        /** The street address, one line. */
        address: z.string().min(5).meta({ label: 'Address' }),
        /** The venue's postcode. */
        postcode: z.string().min(5).max(8).meta({ label: 'Postcode' }),
      })
      .meta({ label: 'Venue' }),
    /** How accessible the venue is: step-free access, hearing loop, toilets, BSL. */
    accessibility: z
      .array(z.string().min(5))
      .min(1, 'Say how accessible the venue is')
      .meta({ label: 'Accessibility', widget: 'list' }),
    /** Where to book a place, if booking is needed. Default none. */
    bookingUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({ label: 'Booking link', required: false }),
    /** Whether people must book a place. Default false. */
    bookingRequired: z.boolean().default(false).meta({ label: 'Booking needed', required: false }),
    ...entryFields(),
  });

export type EventData = z.infer<ReturnType<typeof eventSchema>>;
