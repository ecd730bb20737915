import type { ConsultationData, ConsultationQuestion } from '../schemas/consultation.ts';
import type { ConsultationTranslationData } from '../schemas/consultation-translation.ts';
import { isStale, sourceHash } from './source-hash.ts';

/**
 * A question as a form shows it: the English question (its id, kind, rules and option values),
 * with the words of the reader's language. `labels` are the options' words, one per English
 * option, in its order; without them each option shows its English text.
 */
export type ShownQuestion = ConsultationQuestion & { labels?: readonly string[] | undefined };

/** A consultation as a form in one language shows it: the English one, with its words replaced. */
export type ShownConsultation = Omit<ConsultationData, 'questions'> & { questions: ShownQuestion[] };

/**
 * The English consultation with a translation's words: title, introduction, each question's text
 * and hint, and the options' labels. The options' values stay English, so the function checks an
 * answer against the English file and the results count every language together. The content
 * check (consultationTranslationProblems) has made sure every question and option has its words.
 */
export function translateConsultation(
  english: ConsultationData,
  translation: Pick<ConsultationTranslationData, 'title' | 'intro' | 'questions'>,
): ShownConsultation {
  return {
    ...english,
    title: translation.title,
    intro: translation.intro,
    questions: english.questions.map((question) => {
      const words = translation.questions.find((item) => item.id === question.id);
      if (!words) return question;
      return { ...question, text: words.text, hint: words.hint, labels: words.options };
    }),
  };
}

/**
 * The English words a consultation's translation is made from, in the shape the page fingerprint
 * reads: the title, the introduction as its summary, and every question's id, text, hint and
 * options as its body. Dates and the review fields are left out, as for pages.
 */
function englishWords(english: Pick<ConsultationData, 'title' | 'intro' | 'questions'>) {
  const questions = english.questions.map((q) => [q.id, q.text, q.hint ?? '', q.options]);
  return { title: english.title, description: english.intro, body: JSON.stringify(questions) };
}

/** The fingerprint a consultation's translation stores as `sourceHash` (src/domain/source-hash.ts). */
export const consultationSourceHash = (english: Pick<ConsultationData, 'title' | 'intro' | 'questions'>) =>
  sourceHash(englishWords(english));

/** Whether the English consultation's words changed after the translation was made. */
export const consultationTranslationStale = (
  storedHash: string,
  english: Pick<ConsultationData, 'title' | 'intro' | 'questions'>,
) => isStale(storedHash, englishWords(english));
