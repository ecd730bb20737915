import { z } from 'zod';

/** The four choices people confuse, as the decision aid on /your-choices/ names them. */
export const choiceIds = ['local-record', 'national-data-opt-out', 'type-1-opt-out', 'summary-care-record'] as const;

/** One of the four choices: what it does and does not do, and who to ask. */
const choiceSchema = () =>
  z.object({
    /** Which choice this is; the page links to it as /your-choices/#<id>. */
    id: z.enum(choiceIds).meta({ label: 'Which choice', widget: 'select' }),
    /** The choice's name as residents see it, e.g. "The national data opt-out". */
    name: z.string().min(5).max(80).meta({ label: 'Name' }),
    /** What it stops, one sentence for the comparison table. */
    stops: z.string().min(10).max(160).meta({ label: 'What it stops (one sentence)' }),
    /** Who to contact to make this choice, e.g. "Your GP practice." */
    contact: z.string().min(3).max(80).meta({ label: 'Who to contact' }),
    /** What the choice does, one sentence each. */
    does: z.array(z.string().min(5)).min(1).meta({ label: 'What it does', widget: 'list' }),
    /** What it does not do, one sentence each: the confusions we most often hear. */
    doesNot: z.array(z.string().min(5)).min(1).meta({ label: 'What it does not do', widget: 'list' }),
    /** Anything else a person should weigh up. Default none. */
    goodToKnow: z.array(z.string().min(5)).default([]).meta({ label: 'Good to know', widget: 'list', required: false }),
    /** The ways to make the choice, one sentence each. */
    how: z.array(z.string().min(5)).min(1).meta({ label: 'How to do it', widget: 'list' }),
    /** A button to make the choice online, if there is a way. Default none. */
    action: z
      .object({
        /** The button's words, saying what happens, e.g. "Object online". */
        text: z.string().min(5).max(80).meta({ label: 'Button text' }),
        /** Where it goes: a path on this site or an https address. */
        href: z
          .string()
          .regex(/^(\/|https:\/\/)/, 'Start the link with / or https://')
          .meta({ label: 'Link' }),
      })
      .optional()
      .meta({ label: 'Do it online', required: false }),
  });

/** One "I want to…" answer, shown on its own page at /your-choices/answer/<slug>/. */
const questionSchema = () =>
  z
    .object({
      /** The answer page's address; keep it once published, people share these links. */
      slug: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case words joined by hyphens')
        .meta({ label: 'Address (slug)' }),
      /** What the person wants, finishing "I want to…", in their words, e.g. "stop researchers using my data". */
      want: z.string().min(5).max(100).meta({ label: 'I want to…' }),
      /** The choice that fits. Leave empty when no choice is needed, and write an answer instead. */
      choice: z.enum(choiceIds).optional().meta({ label: 'The choice that fits', widget: 'select', required: false }),
      /** The answer in words, when no choice is needed. Default none. */
      answer: z
        .string()
        .min(10)
        .optional()
        .meta({ label: 'Answer (when no choice fits)', widget: 'text', required: false }),
      /** A second thing to think about, e.g. another choice that covers part of the same wish. Default none. */
      note: z.string().min(10).optional().meta({ label: 'Also think about', widget: 'text', required: false }),
    })
    .refine((q) => q.choice !== undefined || q.answer !== undefined, {
      message: 'Pick the choice that fits, or write an answer',
    });

/** The decision aid on /your-choices/ (content/choices/decision-aid.yaml, one file). */
export const decisionAidSchema = () =>
  z
    .object({
      /** The four choices, in the order the page shows them. */
      choices: z.array(choiceSchema()).length(choiceIds.length).meta({ label: 'The four choices', widget: 'list' }),
      /** The "I want to…" questions, in the order the page lists them. */
      questions: z.array(questionSchema()).min(1).meta({ label: '"I want to…" answers', widget: 'list' }),
      /** Where to get help choosing, shown under the choices. */
      help: z.string().min(10).meta({ label: 'Help choosing', widget: 'text' }),
    })
    .refine((aid) => new Set(aid.choices.map((c) => c.id)).size === choiceIds.length, {
      message: 'List each of the four choices once',
    })
    .refine((aid) => new Set(aid.questions.map((q) => q.slug)).size === aid.questions.length, {
      message: 'Give each "I want to…" answer its own address',
    });

export type DecisionAid = z.infer<ReturnType<typeof decisionAidSchema>>;
export type Choice = DecisionAid['choices'][number];
export type ChoiceQuestion = DecisionAid['questions'][number];
