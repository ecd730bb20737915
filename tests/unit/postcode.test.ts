import { describe, expect, it } from 'vitest';
import { isPostcode, normalisePostcode, parsePostcode, postcodeSchema } from '../../src/domain/postcode.ts';

describe('a person enters their postcode', () => {
  it('is accepted in every outward-code shape', () => {
    for (const postcode of ['M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'SW1A 2AA']) {
      expect(isPostcode(postcode)).toBe(true);
    }
  });

  it('is tidied to capitals with one space before the last three characters', () => {
    expect(normalisePostcode('sw1a2aa')).toBe('SW1A 2AA');
    expect(normalisePostcode('  ec1a   1bb ')).toBe('EC1A 1BB');
    expect(normalisePostcode('m11ae')).toBe('M1 1AE');
    expect(normalisePostcode('Dn55 1pt')).toBe('DN55 1PT');
  });

  it('is accepted when it is GIR 0AA', () => {
    expect(normalisePostcode('gir0aa')).toBe('GIR 0AA');
  });

  it('is asked to enter one when the box is empty', () => {
    expect(parsePostcode('  ')).toMatchObject({ ok: false, problem: 'empty', message: 'Enter a postcode' });
  });

  it('is asked for a full UK postcode when only the outward code is typed', () => {
    expect(parsePostcode('SW1A')).toMatchObject({
      ok: false,
      problem: 'invalid',
      message: 'Enter a full UK postcode, like SW1A 2AA',
    });
  });

  it('is refused when letters appear where the format never uses them', () => {
    expect(isPostcode('QA1 1AA')).toBe(false); // Q is never the first letter
    expect(isPostcode('AI1 1AA')).toBe(false); // I is never the second letter
    expect(isPostcode('SW1A 2CA')).toBe(false); // C is never in the inward code
    expect(isPostcode('SW1A-2AA')).toBe(false);
  });

  it('does not match BFPO or ZZ99 pseudo-postcodes, so forms must offer another way', () => {
    expect(isPostcode('BFPO 1234')).toBe(false);
    expect(isPostcode('ZZ99 3VZ')).toBe(false);
  });
});

describe('the postcode form field', () => {
  it('gives the tidy postcode to the function and the message to the form', () => {
    expect(postcodeSchema().parse('ls14ap')).toBe('LS1 4AP');
    expect(postcodeSchema().safeParse('12345').error?.issues[0]?.message).toBe(
      'Enter a full UK postcode, like SW1A 2AA',
    );
  });
});
