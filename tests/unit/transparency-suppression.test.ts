import { describe, expect, it } from 'vitest';
import { publicCount, publicMedian } from '../../src/server/transparency/suppress.ts';

const value = (count: number) => {
  const shown = publicCount(count);
  return 'shown' in shown ? shown.shown : 'fewer than 5';
};

describe('small numbers on the public figures page', () => {
  it('hides 0 to 4, and rounds everything else to the nearest 10', () => {
    expect([0, 1, 4, 5, 7, 14, 15, 24, 25, 104].map(value)).toEqual([
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      10,
      10,
      10,
      20,
      20,
      30,
      100,
    ]);
  });

  it('a hidden cell cannot be worked out from a total and the other cells', () => {
    // Every table of 1 to 4 cells and their total, as the public sees it: for each view, every
    // hidden cell must still have more than one possible true value.
    for (const [cells, largest] of [
      [1, 80],
      [2, 80],
      [3, 45],
      [4, 24],
    ] as const) {
      const tables = new Map<string, number[][]>();
      const visit = (prefix: number[]) => {
        if (prefix.length === cells) {
          const view = [...prefix, prefix.reduce((a, b) => a + b, 0)].map(value).join(' | ');
          tables.set(view, [...(tables.get(view) ?? []), prefix]);
          return;
        }
        for (let next = 0; next <= largest; next += 1) visit([...prefix, next]);
      };
      visit([]);
      for (const [view, truths] of tables) {
        const shownValues = view.split(' | ').slice(0, cells);
        // Views near the edge of the search are incomplete (larger true values were not tried).
        if (shownValues.some((shown) => Number(shown) > largest - 15)) continue;
        shownValues.forEach((shown, index) => {
          if (shown !== 'fewer than 5') return;
          const possible = new Set(truths.map((truth) => truth[index]));
          expect(possible.size, `cell ${index + 1} of ${view}`).toBeGreaterThan(1);
        });
      }
    }
  });

  it('refuses anything that is not a count', () => {
    expect(() => publicCount(-1)).toThrow(RangeError);
    expect(() => publicCount(2.5)).toThrow(RangeError);
  });

  it('shows a median only when it is the middle of 5 or more items', () => {
    expect(publicMedian(3, 4)).toBeNull();
    expect(publicMedian(3, 5)).toBe(3);
    expect(publicMedian(null, 10)).toBeNull();
  });
});
