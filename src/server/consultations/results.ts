import { type PublicCount, publicCount } from '../transparency/suppress.ts';

/** One option's true count among the people who answered a question. */
export interface OptionTally {
  option: string;
  count: number;
}

/** A question's true tally: how many people answered it, and how many picked each option. */
export interface QuestionTally {
  /** People who gave this question at least one answer: the denominator of every percentage. */
  respondents: number;
  options: OptionTally[];
}

/**
 * Counts one choice question's answers. Each person counts once in `respondents` however many
 * boxes they ticked, and once for each option they ticked; a value the question no longer offers
 * (an option renamed after answers came in) is not counted for any option.
 */
export function tallyQuestion(
  questionId: string,
  options: readonly string[],
  answers: readonly Readonly<Record<string, readonly string[]>>[],
): QuestionTally {
  const counts = new Map(options.map((option) => [option, 0]));
  let respondents = 0;
  for (const answer of answers) {
    const picked = new Set(answer[questionId] ?? []);
    if (picked.size === 0) continue;
    respondents += 1;
    for (const option of picked) {
      const count = counts.get(option);
      if (count !== undefined) counts.set(option, count + 1);
    }
  }
  return { respondents, options: options.map((option) => ({ option, count: counts.get(option) ?? 0 })) };
}

/**
 * A percentage OUT OF RESPONDENTS (the people who answered the question), never out of ticks: in a
 * multiple-choice question where everyone ticks two boxes, each box ticked by all shows 100 %, and
 * the column adds up to more than 100. Whole numbers; null when nobody answered.
 */
export function percentOfRespondents(count: number, respondents: number): number | null {
  return respondents === 0 ? null : Math.round((100 * count) / respondents);
}

/** A question's tally as the public may see it. */
export interface PublicQuestionResult {
  respondents: PublicCount;
  options: { option: string; count: PublicCount; percent: number | null }[];
}

/**
 * The tally with /transparency/'s small-number rule (transparency/suppress.ts): every count under 5
 * is "fewer than 5" and the others are rounded to the nearest 10. Percentages are worked out from
 * the rounded numbers, not the true ones: a true percentage beside a rounded total would give the
 * true counts back, and with them the hidden ones. A hidden count has no percentage, and a question
 * fewer than 5 people answered shows none at all.
 */
export function publicResult(tally: QuestionTally): PublicQuestionResult {
  const respondents = publicCount(tally.respondents);
  return {
    respondents,
    options: tally.options.map(({ option, count }) => {
      const shown = publicCount(count);
      const percent =
        'shown' in shown && 'shown' in respondents ? percentOfRespondents(shown.shown, respondents.shown) : null;
      return { option, count: shown, percent };
    }),
  };
}
