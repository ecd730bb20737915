import { z } from 'zod';
import { type ConsultationData, consultationQuestionSchema, consultationSchema } from './consultation.ts';
import { translationReviewSchema, translationSchema } from './translation.ts';

/** One question's words in another language. Its id, kind and rules stay the English question's. */
export const translatedQuestionSchema = () => {
  const english = consultationQuestionSchema().shape;
  return z.object({
    /** The English question's id (content/consultations/<slug>.yaml), which this translates. */
    id: z.string().min(1).meta({ label: 'Question id (as in English)' }),
    /** The question, in this language. */
    text: english.text,
    /** The help under the question, in this language. Only where the English has one. */
    hint: english.hint,
    /**
     * The options' words, as many as the English has and in the same order. Only the words people
     * read change: the answer sent and counted is still the English option. Default none.
     */
    options: english.options.meta({
      label: 'Options',
      widget: 'list',
      required: false,
      hint: 'One box for each English option, in the same order. For a 1 to 5 scale, the words for 1 and for 5.',
    }),
  });
};

/**
 * A consultation in Polish or Urdu: content/translations/consultations/<language>/<slug>.yaml,
 * where <slug> is the English consultation's file name. It holds only the words people read; the
 * dates, the kinds of question and the options' values come from the English file, so the answers
 * from every language count together. consultationTranslationProblems checks it against the English.
 */
export const consultationTranslationSchema = () => {
  const english = consultationSchema().shape;
  return z.object({
    /** The page heading (h1) and <title>, in this language. */
    title: english.title,
    /** The introduction, in this language. */
    intro: english.intro,
    /** Every English question, by id, in this language. */
    questions: z.array(translatedQuestionSchema()).min(1).max(20).meta({ label: 'Questions' }),
    /**
     * The fingerprint of the English consultation this was translated from (consultationSourceHash,
     * printed by scripts/translation-hashes.ts). When the English words change, the page says so.
     */
    sourceHash: translationSchema().shape.sourceHash,
    translationReview: translationReviewSchema(),
  });
};

export type ConsultationTranslationData = z.infer<ReturnType<typeof consultationTranslationSchema>>;

/** A problem with a translation against its English consultation: the field and what to fix. */
export interface TranslationMismatch {
  field: string;
  message: string;
}

/**
 * What does not match the English: a question the English does not have, an English question left
 * out, or a different number of options. Any of these would show a question or an option with no
 * words, or send an answer the English file does not offer, so the content check stops the build.
 */
export function consultationTranslationProblems(
  translation: Pick<ConsultationTranslationData, 'questions'>,
  english: Pick<ConsultationData, 'questions'>,
): TranslationMismatch[] {
  const problems: TranslationMismatch[] = [];
  translation.questions.forEach((question, index) => {
    const source = english.questions.find((item) => item.id === question.id);
    if (!source) {
      problems.push({
        field: `questions.${index}.id`,
        message: `The English consultation has no question "${question.id}": use the id of one of its questions (${english.questions.map((item) => item.id).join(', ')})`,
      });
      return;
    }
    if (question.options.length !== source.options.length)
      problems.push({
        field: `questions.${index}.options`,
        message: `Question "${question.id}" has ${source.options.length} options in English and ${question.options.length} here: give one for each English option, in the same order`,
      });
    if ((question.hint === undefined) !== (source.hint === undefined))
      problems.push({
        field: `questions.${index}.hint`,
        message:
          source.hint === undefined
            ? `Question "${question.id}" has no hint in English: take this one out`
            : `Question "${question.id}" has a hint in English: translate it here`,
      });
  });
  for (const source of english.questions)
    if (!translation.questions.some((question) => question.id === source.id))
      problems.push({
        field: 'questions',
        message: `Question "${source.id}" is not translated: add it, so nobody sees it in English`,
      });
  return problems;
}
