import { describe, expect, it } from 'vitest';
import {
  formatNhsNumber,
  isNhsNumber,
  nhsCheckDigit,
  nhsNumberSchema,
  parseNhsNumber,
} from '../../src/domain/nhs-number.ts';

describe('the Modulus 11 check digit', () => {
  it('is 7 for 485 777 345 (sum 312, remainder 4), as DOMAIN.md works through', () => {
    expect(nhsCheckDigit('485777345')).toBe(7);
  });

  it('is 0 when the remainder is 0 (11 − 0 = 11 means 0)', () => {
    expect(nhsCheckDigit('999999998')).toBe(0);
  });

  it('does not exist when 11 − remainder is 10', () => {
    expect(nhsCheckDigit('123456789')).toBeUndefined();
    expect(nhsCheckDigit('400000008')).toBeUndefined();
  });
});

describe('a person enters their NHS number', () => {
  it('is accepted as printed on an NHS letter, with spaces', () => {
    expect(parseNhsNumber('485 777 3457')).toEqual({ ok: true, nhsNumber: '4857773457' });
  });

  it('is accepted with hyphens, no separators, or spaces around it', () => {
    expect(parseNhsNumber('943-476-5919')).toEqual({ ok: true, nhsNumber: '9434765919' });
    expect(parseNhsNumber('9434765919')).toEqual({ ok: true, nhsNumber: '9434765919' });
    expect(parseNhsNumber('  943 476 5919 ')).toEqual({ ok: true, nhsNumber: '9434765919' });
  });

  it('is asked to enter it when the box is empty', () => {
    expect(parseNhsNumber('   ')).toMatchObject({ ok: false, problem: 'empty', message: 'Enter your NHS number' });
  });

  it('is told only numbers, spaces and hyphens are allowed when they type letters or dots', () => {
    expect(parseNhsNumber('485.777.3457')).toMatchObject({ problem: 'invalid-characters' });
    // A letter O for zero is refused, not corrected: guessing could point at someone else's record.
    expect(parseNhsNumber('485 777 345O')).toMatchObject({ problem: 'invalid-characters' });
  });

  it('is asked for 10 digits, with an example, when there are too few or too many', () => {
    const short = parseNhsNumber('485 777 345');
    expect(short).toMatchObject({
      problem: 'wrong-length',
      message: 'Enter an NHS number with 10 digits, like 485 777 3457',
    });
    expect(parseNhsNumber('485 777 34570')).toMatchObject({ problem: 'wrong-length' });
  });

  it('is asked to check the number when the check digit is wrong', () => {
    expect(parseNhsNumber('485 777 3458')).toMatchObject({
      problem: 'check-digit',
      message: 'Check the NHS number. It is not a valid NHS number',
    });
    expect(parseNhsNumber('943 476 5918')).toMatchObject({ problem: 'check-digit' });
  });

  it('is refused whatever the last digit when the check digit would be 10', () => {
    for (let last = 0; last <= 9; last += 1) {
      expect(parseNhsNumber(`123 456 789${last}`)).toMatchObject({ problem: 'check-digit' });
    }
  });

  it('is refused for ten of the same digit, although every such number passes Modulus 11', () => {
    for (let digit = 0; digit <= 9; digit += 1) {
      const number = String(digit).repeat(10);
      expect(nhsCheckDigit(number.slice(0, 9))).toBe(digit);
      expect(parseNhsNumber(number)).toMatchObject({ problem: 'repeated-digit' });
    }
  });

  it('is accepted when it is an NHS England test number beginning 999', () => {
    expect(isNhsNumber('999 123 4578')).toBe(true);
    expect(isNhsNumber('999 000 0018')).toBe(true);
  });
});

describe('showing an NHS number', () => {
  it('groups it 3-3-4 as the NHS prints it', () => {
    const result = parseNhsNumber('4857773457');
    if (!result.ok) throw new Error('expected a valid NHS number');
    expect(formatNhsNumber(result.nhsNumber)).toBe('485 777 3457');
  });
});

describe('the NHS number form field', () => {
  it('gives the 10 digits to the function and one plain-words message to the form', () => {
    expect(nhsNumberSchema().parse('485-777-3457')).toBe('4857773457');
    const failure = nhsNumberSchema().safeParse('12345');
    expect(failure.success).toBe(false);
    expect(failure.error?.issues.map((issue) => issue.message)).toEqual([
      'Enter an NHS number with 10 digits, like 485 777 3457',
    ]);
  });
});
