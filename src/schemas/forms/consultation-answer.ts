import { z } from 'zod/mini';
import { FREE_TEXT_MAX, SCALE_VALUES } from '../../domain/consultations.ts';
import { EMAIL_MAX_LENGTH } from '../../domain/email-address.ts';
import { t } from '../../i18n/t.ts';
import type { ConsultationData, ConsultationQuestion } from '../consultation.ts';

/** The posted name of a question's field: its id, prefixed so it never clashes with the form's own fields. */
export const answerField = (question: Pick<ConsultationQuestion, 'id'>) => `q-${question.id}`;

/** Most characters in the optional name (when a consultation is not anonymous). */
const NAME_MAX = 100;

/** A posted list: one ticked box arrives as text, several as a list, none as nothing. */
const postedList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
const postedText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
/** A posted field, possibly missing, turned into what its check reads. */
const posted = <T>(read: (value: unknown) => T) => z.pipe(z.optional(z.unknown()), z.transform(read));

/** The values a question accepts: its options, or 1 to 5 for a scale. */
export const allowedValues = (question: ConsultationQuestion): readonly string[] =>
  question.kind === 'scale' ? SCALE_VALUES : question.options;

/**
 * One question's rule. Choices are the option texts themselves, so a tampered post with a value
 * the question does not offer is refused like no answer; every message names the question's number,
 * which the form shows in front of each question.
 */
function questionSchema(question: ConsultationQuestion, number: number) {
  const values = { number: String(number) };
  if (question.kind === 'text') {
    return z.pipe(
      posted(postedText),
      z.string().check(
        z.maxLength(FREE_TEXT_MAX, {
          error: t('consultations.errors.tooLong', { ...values, max: String(FREE_TEXT_MAX) }),
        }),
        z.refine((text: string) => !question.required || text.length > 0, {
          error: t('consultations.errors.text', values),
        }),
      ),
    );
  }
  const allowed = allowedValues(question);
  const key = (
    {
      single: 'consultations.errors.single',
      multiple: 'consultations.errors.multiple',
      scale: 'consultations.errors.scale',
    } as const
  )[question.kind];
  return z.pipe(
    posted(postedList),
    z.array(z.string()).check(
      z.refine((list: string[]) => list.every((value) => allowed.includes(value)), { error: t(key, values) }),
      z.refine((list: string[]) => question.kind === 'multiple' || list.length <= 1, { error: t(key, values) }),
      z.refine((list: string[]) => !question.required || list.length > 0, { error: t(key, values) }),
    ),
  );
}

/**
 * The answer form of one consultation, built from its questions: the island checks answers with it
 * as people go, and the resident-submission function decides with it. Output: each question's
 * answer by id (choices as a list, free text as text), the publishing consent, and the optional
 * name and email.
 */
export function consultationAnswerSchema(consultation: Pick<ConsultationData, 'questions' | 'anonymous'>) {
  const shape: Record<string, z.ZodMiniType<string | string[]>> = {};
  consultation.questions.forEach((question, index) => {
    shape[answerField(question)] = questionSchema(question, index + 1);
  });
  const fields = z.object({
    ...shape,
    /** "yes" when the person lets us publish their free text, without their name. Default no. */
    publishConsent: posted((value) => value === 'yes'),
    /** Only asked when the consultation is not anonymous. Optional. */
    name: z.pipe(
      posted((value) => (consultation.anonymous ? '' : postedText(value))),
      z.string().check(z.maxLength(NAME_MAX, { error: t('consultations.errors.name', { max: String(NAME_MAX) }) })),
    ),
    /** Where to tell them about the results, only if they want that. Optional. */
    email: z.pipe(
      posted(postedText),
      z.union([
        z.literal(''),
        z.pipe(
          z.string().check(z.maxLength(EMAIL_MAX_LENGTH, { error: t('consultations.errors.email') })),
          z.email({ error: t('consultations.errors.email') }),
        ),
      ]),
    ),
  });
  return z.pipe(
    fields,
    z.transform((data: z.output<typeof fields>) => toAnswer(consultation.questions, data)),
  );
}

/** A checked answer, as it is saved. */
export interface ConsultationAnswer {
  /** Each choice, multiple-choice and scale question's answer by question id (empty when skipped). */
  choices: Record<string, string[]>;
  /** Each free-text answer by question id (only those written). */
  texts: Record<string, string>;
  publishConsent: boolean;
  name: string;
  email: string;
}

function toAnswer(questions: readonly ConsultationQuestion[], data: Record<string, unknown>): ConsultationAnswer {
  const choices: Record<string, string[]> = {};
  const texts: Record<string, string> = {};
  for (const question of questions) {
    const value = data[answerField(question)];
    if (typeof value === 'string') {
      if (value) texts[question.id] = value;
    } else if (Array.isArray(value)) choices[question.id] = value.filter((item) => typeof item === 'string');
  }
  return {
    choices,
    texts,
    publishConsent: data['publishConsent'] === true,
    name: typeof data['name'] === 'string' ? data['name'] : '',
    email: typeof data['email'] === 'string' ? data['email'] : '',
  };
}

/** What was typed or ticked, put back into the form after errors: text by field name, lists for ticks. */
export type ConsultationFormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw fields of a post as form values (nothing is trusted: only text is kept). */
export function consultationFormValues(fields: Record<string, unknown>): ConsultationFormValues {
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = postedList(value);
  }
  return values;
}
