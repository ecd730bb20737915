import { describe, expect, it } from 'vitest';
import { isUkPhoneNumber, parseUkPhoneNumber, ukPhoneNumberSchema } from '../../src/domain/phone.ts';

const EXAMPLE = 'Enter a UK phone number, like 01632 960 001 or 07700 900 982';
const NOT_A_LINE =
  'Enter a UK landline or mobile number, starting 01, 02 or 07. We cannot call numbers starting 03, 05, 070, 076, 08 or 09';

describe('a person gives a phone number to be called on', () => {
  it('is stored in E.164 whichever way a landline is written', () => {
    for (const written of ['01632 960001', '(01632) 960 001', '01632-960-001', '+44 1632 960001', '0044 1632 960001']) {
      expect(parseUkPhoneNumber(written)).toEqual({ ok: true, e164: '+441632960001', national: '01632960001' });
    }
  });

  it('is accepted as a mobile written with +44 (0), a common British habit', () => {
    expect(parseUkPhoneNumber('+44 (0)7700 900982')).toMatchObject({ ok: true, e164: '+447700900982' });
  });

  it('is accepted for London (020) numbers', () => {
    expect(parseUkPhoneNumber('020 7946 0000')).toMatchObject({ e164: '+442079460000' });
  });

  it('is accepted for an area with 10-digit numbers, such as 016977', () => {
    expect(isUkPhoneNumber('016977 3456')).toBe(true);
  });

  it('is asked to enter one when the box is empty', () => {
    expect(parseUkPhoneNumber(' ')).toMatchObject({ ok: false, problem: 'empty', message: 'Enter a phone number' });
  });

  it('is told which characters are allowed when they type letters or a + in the middle', () => {
    expect(parseUkPhoneNumber('07700 900 98two')).toMatchObject({ problem: 'invalid-characters' });
    expect(parseUkPhoneNumber('07700+900982')).toMatchObject({ problem: 'invalid-characters' });
  });

  it('is shown an example when the number is too short or too long', () => {
    expect(parseUkPhoneNumber('07700 90098')).toMatchObject({ problem: 'wrong-length', message: EXAMPLE });
    expect(parseUkPhoneNumber('07700 9009822')).toMatchObject({ problem: 'wrong-length' });
    expect(parseUkPhoneNumber('020 7946 000')).toMatchObject({ problem: 'wrong-length' });
  });

  it('is shown an example when the leading 0 is missing', () => {
    expect(parseUkPhoneNumber('7700 900982')).toMatchObject({ problem: 'wrong-length', message: EXAMPLE });
  });

  it('is refused for numbers outside the UK', () => {
    expect(parseUkPhoneNumber('+33 1 23 45 67 89')).toMatchObject({ problem: 'not-uk', message: EXAMPLE });
    expect(parseUkPhoneNumber('00353 1 234 5678')).toMatchObject({ problem: 'not-uk' });
  });

  it('is refused for premium-rate 09 and other ranges staff do not call', () => {
    expect(parseUkPhoneNumber('0909 879 0000')).toMatchObject({ problem: 'unsupported-range', message: NOT_A_LINE });
    expect(parseUkPhoneNumber('0500 123 456')).toMatchObject({ problem: 'unsupported-range' });
  });

  it('is refused for 070 personal numbers and 076 pagers, which scams use to pass calls on at a cost', () => {
    expect(parseUkPhoneNumber('070 1234 5678')).toMatchObject({
      ok: false,
      problem: 'unsupported-range',
      message: NOT_A_LINE,
    });
    expect(parseUkPhoneNumber('+44 76 1234 5678')).toMatchObject({ ok: false, problem: 'unsupported-range' });
  });

  it('is refused for 084 and 087 numbers, which cost the caller more, and for 03 and 0800 service numbers', () => {
    for (const number of ['0845 123 4567', '0870 123 4567', '0300 303 5678', '0800 123 456', '0808 157 0000']) {
      expect(parseUkPhoneNumber(number)).toMatchObject({
        ok: false,
        problem: 'unsupported-range',
        message: NOT_A_LINE,
      });
    }
  });

  it('is accepted for mobiles outside 070 and 076', () => {
    expect(parseUkPhoneNumber('07911 123456')).toMatchObject({ ok: true, e164: '+447911123456' });
    expect(parseUkPhoneNumber('07624 123456')).toMatchObject({ ok: true, e164: '+447624123456' });
  });
});

describe('the phone form field', () => {
  it('gives E.164 to the function and the example message to the form', () => {
    expect(ukPhoneNumberSchema().parse('07700 900 982')).toBe('+447700900982');
    expect(ukPhoneNumberSchema().safeParse('12').error?.issues[0]?.message).toBe(EXAMPLE);
  });
});
