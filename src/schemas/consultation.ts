import { z } from 'zod';
import { isoDate, reviewFields } from './common.ts';

/** The kinds of question a consultation may ask (issue 18 part 2). */
export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A question's id is part of each answer's field name and of the stored answer: short and stable. */
const QUESTION_ID = /^[a-z][a-z0-9-]{0,39}$/;

/** One question. Choice questions need their options; a scale is always 1 to 5. */
export const consultationQuestionSchema = () =>
  z.object({
    /** Stable id, e.g. "letters-clear". Never change it once answers have come in: answers are stored by it. */
    id: z.string().regex(QUESTION_ID, 'Use lower-case letters, digits and hyphens, like letters-clear').meta({
      label: 'Question id',
      hint: 'Lower-case letters and hyphens, like letters-clear. Do not change it after the consultation opens.',
    }),
    /** single (one choice), multiple (tick all that apply), scale (1 to 5) or text (free text). */
    kind: z.enum(QUESTION_KINDS).meta({ label: 'Kind of question' }),
    /** The question, in plain words. */
    text: z.string().min(5).max(200).meta({ label: 'Question' }),
    /** Help under the question. Optional. */
    hint: z.string().max(200).optional().meta({ label: 'Hint', required: false }),
    /** The choices, for single and multiple choice. For a scale, the words for 1 and 5 (two items). Default none. */
    options: z.array(z.string().min(1).max(120)).default([]).meta({
      label: 'Options',
      widget: 'list',
      required: false,
      hint: 'One choice in each box. For a 1 to 5 scale, give the words for 1 and for 5.',
    }),
    /** Whether people must answer it. Default true. */
    required: z.boolean().default(true).meta({ label: 'Must be answered', required: false }),
  });

export type ConsultationQuestion = z.infer<ReturnType<typeof consultationQuestionSchema>>;

/**
 * A consultation: a short survey residents answer without signing in, at /consultations/<file
 * name>/, and whose results are shown at /consultations/<file name>/results/ once it closes. The
 * comms team writes it in the CMS; the site build shows the form and the resident-submission
 * function reads the same file (CONTENT_DIR) to check each answer with the same rules.
 */
export const consultationSchema = () =>
  z
    .object({
      /** What the consultation asks about, e.g. "How should we write to you?". */
      title: z.string().min(5).max(120).meta({ label: 'Title' }),
      /** A few plain sentences: why we ask, and what we will do with the answers. */
      intro: z.string().min(20).max(1000).meta({ label: 'Introduction', widget: 'text' }),
      /** The questions, in order. At least one. */
      questions: z.array(consultationQuestionSchema()).min(1).max(20).meta({ label: 'Questions' }),
      /** The first day answers are taken (London time). */
      opens: isoDate().meta({ label: 'Opens on' }),
      /** The last day answers are taken (London time). The results are shown from the next day. */
      closes: isoDate().meta({ label: 'Closes on (last day)' }),
      /** True: the form does not ask for a name. False: it asks for a name (optional). Default true. */
      anonymous: z.boolean().default(true).meta({ label: 'Answers are anonymous', required: false }),
      /** What we learned, shown on the results page once it closes. Optional until then. */
      summary: z.string().max(2000).optional().meta({ label: 'Published summary', widget: 'text', required: false }),
      /** The "you said, we did" response that answers this consultation, by its address. Optional. */
      response: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Pick a response from the list')
        .optional()
        .meta({
          label: '“You said, we did” response',
          widget: 'relation',
          collection: 'responses',
          value_field: '{{slug}}',
          search_fields: ['title'],
          display_fields: ['title'],
          required: false,
        }),
      ...reviewFields(),
    })
    .superRefine((value, context) => {
      const ids = new Set<string>();
      value.questions.forEach((question, index) => {
        if (ids.has(question.id))
          context.addIssue({
            code: 'custom',
            path: ['questions', index, 'id'],
            message: 'Give each question its own id',
          });
        ids.add(question.id);
        const needs = question.kind === 'scale' ? 2 : question.kind === 'text' ? 0 : 2;
        if (question.options.length < needs)
          context.addIssue({
            code: 'custom',
            path: ['questions', index, 'options'],
            message: question.kind === 'scale' ? 'Give the words for 1 and for 5' : 'Give at least two options',
          });
      });
      if (value.closes.getTime() < value.opens.getTime())
        context.addIssue({
          code: 'custom',
          path: ['closes'],
          message: 'The closing day must be on or after the opening day',
        });
    });

export type ConsultationData = z.infer<ReturnType<typeof consultationSchema>>;
