import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { checkEvidence, EVIDENCE_MAX_BYTES } from '../../src/domain/opt-out-evidence.ts';
import { paperFormSections } from '../../src/forms/opt-out/paper-form.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { optOutSchema } from '../../src/schemas/forms/opt-out.ts';

const today = calendarDate('2026-11-22');
const schema = optOutSchema({ today, requireDeclaration: true });
const adult = {
  who: 'self',
  fullName: '  Ada   Lovelace ',
  dateOfBirthDay: '15',
  dateOfBirthMonth: '3',
  dateOfBirthYear: '1984',
  nhsNumberKnown: 'yes',
  nhsNumber: '485-777-3457',
  postcode: 'aw1 2bt',
  email: 'ada@example.com',
  declaration: 'yes',
};
const messages = (input: Record<string, string>) => {
  const result = validateForm(schema, input);
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
};

describe('the opt-out form schema', () => {
  it('accepts an adult opting out themselves and normalises what they typed', () => {
    const result = validateForm(schema, adult);
    expect(result.ok && result.data).toMatchObject({
      route: 'self',
      applicant: null,
      patient: { fullName: 'Ada Lovelace', dateOfBirth: '1984-03-15', nhsNumber: '4857773457' },
      contact: { email: 'ada@example.com', phone: null },
    });
  });

  it('lists every problem of an empty form in page order, in plain words', () => {
    const result = validateForm(schema, {});
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([
      'who',
      'fullName',
      'dateOfBirth',
      'nhsNumberKnown',
      'postcode',
      'email',
      'declaration',
    ]);
  });

  it('checks that the age fits the route chosen', () => {
    expect(messages({ ...adult, dateOfBirthYear: '2020' }).dateOfBirth).toMatch(/13 or over/);
    expect(
      messages({ ...adult, who: 'child', applicantName: 'A', applicantRelationship: 'Mother' }).dateOfBirth,
    ).toMatch(/must be under 13/);
    expect(
      messages({ ...adult, who: 'lpa', applicantName: 'A', applicantRelationship: 'Son', dateOfBirthYear: '2010' })
        .dateOfBirth,
    ).toMatch(/18 or over/);
  });

  it('needs the address when the NHS number is not known, and a contact route', () => {
    const errors = messages({ ...adult, nhsNumberKnown: 'no', email: '', phone: '' });
    expect(errors.addressLine1).toBe('Enter address line 1, typically the building and street');
    expect(errors.town).toBe('Enter town or city');
    expect(errors.email).toMatch(/email address or a UK phone number/);
  });

  it('refuses an NHS number with a wrong check digit', () => {
    expect(messages({ ...adult, nhsNumber: '485 777 3456' }).nhsNumber).toBe(
      'Check the NHS number. It is not a valid NHS number',
    );
  });
});

describe('evidence files', () => {
  it('are recognised by their bytes, not their names', () => {
    expect(checkEvidence(new TextEncoder().encode('%PDF-1.7\n'))).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkEvidence(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toEqual({
      ok: true,
      type: 'image/png',
    });
    expect(checkEvidence(new TextEncoder().encode('<svg/>'))).toEqual({ ok: false, problem: 'wrong-type' });
    expect(checkEvidence(new Uint8Array(EVIDENCE_MAX_BYTES + 1))).toEqual({ ok: false, problem: 'too-large' });
  });
});

describe('the paper form', () => {
  it('is generated from the schema, with the same questions as the online form', () => {
    const sections = paperFormSections();
    expect(sections.map((s) => s.heading)).toEqual([
      'Who are you opting out?',
      'About you',
      'About the person opting out',
      'How we can contact you',
      'Declaration',
    ]);
    const labels = sections.flatMap((s) => s.questions.map((q) => q.label));
    expect(labels).toContain('NHS number');
    expect(labels).toContain('Date of birth');
    expect(labels).not.toContain('dateOfBirthMonth');
  });
});
