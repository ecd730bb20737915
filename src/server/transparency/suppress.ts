/**
 * Small-number suppression for the public figures. A count of 1 to 4 could point to a person
 * ("the only complaint about letters in March"), so the public page never shows one.
 *
 * The rule:
 * 1. Any count from 0 to 4 is shown as "fewer than 5". Zero is hidden too: if zeros were shown,
 *    four hidden cells under a hidden total would each have to be exactly 1.
 * 2. Every other count, totals included, is rounded to the nearest 10 (5 to 14 show as 10).
 *    Totals are rounded from the true total, never added up from rounded cells.
 *
 * Why this stops a hidden cell being worked out from a total and the cells beside it: a shown
 * value is within -5…+4 of the truth, so "total minus the others" leaves a range whose lowest
 * end is always odd and whose highest end always ends in 4 or 9 (modulo 10). A hidden cell
 * (0 to 4) could only be pinned if that range's lowest end were exactly 4 × the number of hidden
 * cells (an even number) — which cannot happen — so every hidden cell always keeps at least two
 * possible values. Rounding to the nearest 5 is not enough: three cells shown as 25, 25 and a
 * hidden one, with a total of 60, pin the hidden one to 4. tests/unit/transparency-suppression.test.ts
 * checks every small table exhaustively.
 */

/** Counts below this are not shown. */
export const SUPPRESS_BELOW = 5;
/** Shown counts are rounded to a multiple of this. */
export const ROUND_TO = 10;

/** A count as the public may see it. */
export type PublicCount = { shown: number } | { fewerThan: typeof SUPPRESS_BELOW };

/** Applies the rule to one true count. */
export function publicCount(count: number): PublicCount {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`A count must be a whole number, not ${count}`);
  if (count < SUPPRESS_BELOW) return { fewerThan: SUPPRESS_BELOW };
  return { shown: Math.floor((count + ROUND_TO / 2) / ROUND_TO) * ROUND_TO };
}

/**
 * A median is only shown when it summarises at least 5 items: the median of one or two items is
 * those items' own figures.
 */
export function publicMedian(median: number | null, items: number): number | null {
  return median === null || items < SUPPRESS_BELOW ? null : median;
}
