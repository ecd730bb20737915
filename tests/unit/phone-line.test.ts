import { describe, expect, it, vi } from 'vitest';
import type { ValidationResult } from '../../src/forms/validation.ts';
import { phoneLineProblem, requireCallablePhone } from '../../src/server/phone-line.ts';

const NOT_IN_USE =
  'Check your phone number: it is not a UK landline or mobile number in use. Enter the number you answer';

describe('the server checks a phone number against the UK numbering plan', () => {
  it('accepts landlines and mobiles in ranges Ofcom has given to lines', async () => {
    for (const number of ['+441134960000', '+442079460000', '+44169773456', '+447911123456', '+447624123456']) {
      expect(await phoneLineProblem(number), number).toBeNull();
    }
  });

  it('refuses a number in a range no line uses, such as the drama numbers in our examples, saying what to do', async () => {
    expect(await phoneLineProblem('+441632960001')).toBe(NOT_IN_USE);
    expect(await phoneLineProblem('+447700900982')).toBe(NOT_IN_USE);
  });

  it('refuses personal numbers, pagers, shared-cost, premium, freephone, 03 and internet numbers', async () => {
    for (const number of ['+447012345678', '+447612345678', '+448451234567', '+448701234567', '+449098790000']) {
      expect(await phoneLineProblem(number), number).not.toBeNull();
    }
    for (const number of ['+44800123456', '+443003035678', '+445612345678']) {
      expect(await phoneLineProblem(number), number).not.toBeNull();
    }
  });
});

describe('a form the browser passed is checked again on the server', () => {
  const passed = (phone: string | null): ValidationResult<{ phone: string | null }> => ({ ok: true, data: { phone } });

  it('keeps a form whose number is a line, or that has no number', async () => {
    expect(await requireCallablePhone(passed('+447911123456'), (data) => data.phone)).toEqual(passed('+447911123456'));
    expect(await requireCallablePhone(passed(null), (data) => data.phone)).toEqual(passed(null));
  });

  it('turns a number no line uses into an error on the phone field', async () => {
    expect(await requireCallablePhone(passed('+447700900982'), (data) => data.phone)).toEqual({
      ok: false,
      errors: [{ field: 'phone', message: NOT_IN_USE }],
    });
  });

  it('leaves a form that already failed as it was', async () => {
    const failed: ValidationResult<{ phone: string | null }> = {
      ok: false,
      errors: [{ field: 'email', message: 'x' }],
    };
    expect(await requireCallablePhone(failed, (data: { phone: string | null }) => data.phone)).toBe(failed);
  });
});

describe('the numbering plan is loaded only when a form carries a phone number', () => {
  it('starts without it and loads it, once, for the first number', async () => {
    vi.resetModules();
    const loaded = vi.fn();
    vi.doMock('libphonenumber-js/max', async (importOriginal) => {
      loaded();
      return importOriginal();
    });
    try {
      const fresh = await import('../../src/server/phone-line.ts');
      const passed = (phone: string | null): ValidationResult<{ phone: string | null }> => ({
        ok: true,
        data: { phone },
      });
      expect(await fresh.requireCallablePhone(passed(null), (data) => data.phone)).toEqual(passed(null));
      expect(loaded).not.toHaveBeenCalled();
      expect(await fresh.requireCallablePhone(passed('+447911123456'), (data) => data.phone)).toEqual(
        passed('+447911123456'),
      );
      expect(await fresh.phoneLineProblem('+447700900982')).toBe(NOT_IN_USE);
      expect(loaded).toHaveBeenCalledTimes(1);
    } finally {
      vi.doUnmock('libphonenumber-js/max');
      vi.resetModules();
    }
  });
});
