import { describe, expect, it } from 'vitest';
import {
  formatReference,
  generateReference,
  isReference,
  normaliseReference,
  parseReference,
  type RandomBytes,
  REFERENCE_DIGITS,
  REFERENCE_LETTERS,
  referenceSchema,
} from '../../src/domain/reference.ts';

/** A byte source that replays the given bytes in order, as many per call as asked for. */
function replay(bytes: readonly number[]): RandomBytes {
  let next = 0;
  return (count) => {
    const out = new Uint8Array(count);
    for (let index = 0; index < count; index += 1) {
      const byte = bytes[next];
      if (byte === undefined) throw new Error('ran out of test bytes');
      out[index] = byte;
      next += 1;
    }
    return out;
  };
}

describe('the reference alphabet', () => {
  it('leaves out characters people confuse: I, O, Q, Z, 0 and 1', () => {
    for (const lookAlike of ['I', 'O', 'Q', 'Z', '0', '1']) {
      expect(REFERENCE_LETTERS + REFERENCE_DIGITS).not.toContain(lookAlike);
    }
    expect(REFERENCE_LETTERS).toHaveLength(22);
    expect(REFERENCE_DIGITS).toHaveLength(8);
  });
});

describe('making a reference', () => {
  it('gives 8 characters with digits 3rd and 6th, so no word can form', () => {
    for (let run = 0; run < 200; run += 1) {
      const reference = generateReference();
      expect(reference).toMatch(/^[A-HJ-NPR-Y2-9]{2}[2-9][A-HJ-NPR-Y2-9]{2}[2-9][A-HJ-NPR-Y2-9]{2}$/);
      expect(isReference(reference)).toBe(true);
    }
  });

  it('maps bytes to characters without modulo bias, skipping bytes at or above 240 for the 30-character positions', () => {
    // Position 1: 255 and 240 are skipped, 0 → "A". Position 2: 29 → "9". Position 3 (digits, 8 divides 256):
    // 255 → 255 % 8 = 7 → "9". The rest use 1 → "B" and, for the digit at position 6, 0 → "2".
    const reference = generateReference(replay([255, 240, 0, 29, 255, 1, 1, 0, 1, 1, 99, 99, 99, 99, 99, 99, 99, 99]));
    expect(reference).toBe('A99BB2BB');
  });

  it('fails loudly, not for ever, when the random source is broken', () => {
    expect(() => generateReference(() => new Uint8Array(8).fill(255))).toThrow(/no usable bytes/);
  });

  it('uses every character of the alphabet given enough references', () => {
    const seen = new Set<string>();
    for (let run = 0; run < 500; run += 1) {
      for (const character of generateReference()) seen.add(character);
    }
    expect(seen.size).toBe(30);
  });
});

describe('a person types in their reference', () => {
  it('is matched in lower case and with spaces or hyphens', () => {
    expect(normaliseReference(' hk3-bn7 pd ')).toBe('HK3BN7PD');
    expect(parseReference('hk3 bn7 pd')).toBe('HK3BN7PD');
  });

  it('is not corrected when they type a letter O for a digit, because O is not in the alphabet', () => {
    expect(normaliseReference('HK3BN7PO')).toBe('HK3BN7PO');
    expect(parseReference('HK3BN7PO')).toBeUndefined();
  });

  it('is refused when a letter stands where a digit must be, or it is the wrong length', () => {
    expect(isReference('HKABN7PD')).toBe(false);
    expect(isReference('HK3BN7P')).toBe(false);
    expect(isReference('HK3BN7PDA')).toBe(false);
  });

  it('gets a plain-words message from the form field', () => {
    expect(referenceSchema().parse('hk3bn7pd')).toBe('HK3BN7PD');
    expect(referenceSchema().safeParse('').error?.issues[0]?.message).toBe('Enter your reference');
    expect(referenceSchema().safeParse('HK3').error?.issues[0]?.message).toBe(
      'Check your reference. It has 8 letters and numbers, like HK3BN7PD',
    );
  });
});

describe('showing a reference', () => {
  it('shows the 8 characters as they are, with nothing added', () => {
    const reference = parseReference('HK3BN7PD');
    if (reference === undefined) throw new Error('expected a valid reference');
    expect(formatReference(reference)).toBe('HK3BN7PD');
  });
});
