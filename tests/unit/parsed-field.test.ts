import { describe, expect, it } from 'vitest';
import { nhsNumberSchema } from '../../src/domain/nhs-number.ts';
import { ukPhoneNumberSchema } from '../../src/domain/phone.ts';
import { postcodeSchema } from '../../src/domain/postcode.ts';

/**
 * The NHS number, phone and postcode boxes share one zod field (src/domain/parsed-field.ts): a
 * good answer comes out tidied, a bad one gives the parser's plain-words message and problem code.
 */
describe('a field checked by a domain parser', () => {
  it('turns a good answer into its tidied value', () => {
    expect(nhsNumberSchema().parse('485-777-3457')).toBe('4857773457');
    expect(ukPhoneNumberSchema().parse('07700 900123')).toBe('+447700900123');
    expect(postcodeSchema().parse('ls1 4ap')).toBe('LS1 4AP');
  });

  it('gives one issue with the plain-words message and the problem code, and no value', () => {
    const result = nhsNumberSchema().safeParse('485 777 3458');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toMatch(/NHS number/);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', params: { problem: expect.any(String) } });
  });

  it('uses each parser’s own message', () => {
    const postcode = postcodeSchema().safeParse('not a postcode');
    const phone = ukPhoneNumberSchema().safeParse('12');
    expect(postcode.error?.issues[0]).toMatchObject({ params: { problem: 'invalid' } });
    expect(postcode.error?.issues[0]?.message).not.toBe(phone.error?.issues[0]?.message);
  });
});
