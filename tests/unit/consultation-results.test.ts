import { describe, expect, it } from 'vitest';
import { percentOfRespondents, publicResult, tallyQuestion } from '../../src/server/consultations/results.ts';

const OPTIONS = ['Letter', 'Email', 'Text'];
const answers = (lists: string[][]) => lists.map((list) => ({ q: list }));

describe('consultation results', () => {
  it('counts multiple-choice percentages out of the people who answered, not out of ticks', () => {
    // 20 people each tick two boxes: 40 ticks. Out of ticks, Letter would be 50 %; out of people, 100 %.
    const tally = tallyQuestion('q', OPTIONS, answers(Array.from({ length: 20 }, () => ['Letter', 'Email'])));
    expect(tally.respondents).toBe(20);
    expect(tally.options).toEqual([
      { option: 'Letter', count: 20 },
      { option: 'Email', count: 20 },
      { option: 'Text', count: 0 },
    ]);
    expect(percentOfRespondents(20, tally.respondents)).toBe(100);
    expect(publicResult(tally).options.map((option) => option.percent)).toEqual([100, 100, null]);
  });

  it('leaves out people who skipped the question, and values the question no longer offers', () => {
    const tally = tallyQuestion('q', OPTIONS, [
      { q: ['Letter'] },
      { q: [] },
      {},
      { q: ['Pigeon'] },
      { other: ['Email'] },
    ]);
    expect(tally.respondents).toBe(2);
    expect(tally.options.map((option) => option.count)).toEqual([1, 0, 0]);
  });

  it('shows counts under 5 as "fewer than 5" with no percentage, and rounds the rest as /transparency/ does', () => {
    const lists = [
      ...Array.from({ length: 23 }, () => ['Letter']),
      ...Array.from({ length: 13 }, () => ['Email']),
      ...Array.from({ length: 3 }, () => ['Text']),
    ];
    const result = publicResult(tallyQuestion('q', OPTIONS, answers(lists)));
    expect(result.respondents).toEqual({ shown: 40 });
    expect(result.options).toEqual([
      { option: 'Letter', count: { shown: 20 }, percent: 50 },
      { option: 'Email', count: { shown: 10 }, percent: 25 },
      { option: 'Text', count: { fewerThan: 5 }, percent: null },
    ]);
  });

  it('hides every number of a question fewer than 5 people answered', () => {
    const result = publicResult(tallyQuestion('q', OPTIONS, answers([['Letter'], ['Letter'], ['Email']])));
    expect(result.respondents).toEqual({ fewerThan: 5 });
    expect(result.options.every((option) => option.percent === null)).toBe(true);
  });

  it('has no percentage when nobody answered', () => {
    expect(percentOfRespondents(0, 0)).toBeNull();
  });
});
