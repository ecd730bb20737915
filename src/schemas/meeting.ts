import { z } from 'zod';
import { isoDate, readingAgeOverrideSchema, reviewFields } from './common.ts';

/** Which group met: the board that decides, or the lay partners' own forum. */
export const meetingGroups = ['board', 'lay-forum'] as const;

/**
 * A summary of a board or lay-forum meeting, listed newest first on /governance/ and shown at
 * /governance/meetings/<slug>/. Publishing what was decided, and what lay partners asked and were
 * told, lets residents see the scheme answer to them (the IG framework for shared care records
 * expects open governance). People are named by role only: a summary is not a set of minutes.
 * The Markdown body can say more, such as actions carried over.
 */
export const meetingSchema = () =>
  z.object({
    /** A short name for the meeting, e.g. "Board meeting, December 2026". */
    title: z.string().min(5).max(120).meta({ label: 'Title' }),
    /** Which group met. */
    group: z.enum(meetingGroups).meta({ label: 'Which group met', widget: 'select' }),
    /** The day of the meeting. */
    date: isoDate().meta({ label: 'Date of meeting' }),
    /** Who came, by role, not by name, e.g. "Caldicott Guardian", "two lay partners". At least one. */
    attendees: z.array(z.string().min(3).max(120)).min(1, 'Add at least one role').meta({
      label: 'Who attended (by role)',
      widget: 'list',
      hint: 'One role in each box, like “Caldicott Guardian”. Do not write names.',
    }),
    /** What the meeting decided, one decision a box, in plain words. At least one. */
    decisions: z
      .array(z.string().min(10).max(500))
      .min(1, 'Add at least one decision, or write “No decisions were made”')
      .meta({ label: 'Decisions', widget: 'list', hint: 'One decision in each box, in plain words.' }),
    /** Lay partners' questions and the answers they were given. Default none. */
    questions: z
      .array(
        z.object({
          /** The question a lay partner asked, in plain words. */
          question: z.string().min(10).max(500).meta({ label: 'Question', widget: 'text' }),
          /** The answer they were given, or what will happen to find one. */
          answer: z.string().min(10).max(1000).meta({ label: 'Answer', widget: 'text' }),
        }),
      )
      .default([])
      .meta({ label: 'Lay partners’ questions and answers', required: false }),
    ...reviewFields(),
    readingAge: readingAgeOverrideSchema(),
  });

export type MeetingData = z.infer<ReturnType<typeof meetingSchema>>;
