import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../../src/i18n/numbers.ts';

describe('numbers as each language writes them (results pages)', () => {
  it('groups thousands the English, Polish and Urdu way', () => {
    expect(formatNumber(1230, 'en')).toBe('1,230');
    // Polish groups from five digits, with a no-break space, so a number never breaks over two lines.
    expect(formatNumber(1230, 'pl')).toBe('1230');
    expect(formatNumber(12300, 'pl')).toBe('12\u00a0300');
    expect(formatNumber(12300, 'ur')).toBe('12,300');
  });

  it('writes a whole percentage with its sign', () => {
    expect(formatPercent(45, 'en')).toBe('45%');
    expect(formatPercent(45, 'pl')).toBe('45%');
    expect(formatPercent(100, 'ur')).toBe('100%');
  });
});
