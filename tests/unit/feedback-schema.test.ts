import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { feedbackFormSchema } from '../../src/schemas/forms/feedback.ts';
import { pageHelpfulCommentSchema, pageHelpfulVoteSchema } from '../../src/schemas/forms/feedback-page-helpful.ts';

const schema = feedbackFormSchema({ today: calendarDate('2026-11-20') });
const check = (input: Record<string, unknown>) => validateForm(schema, input);
const messages = (input: Record<string, unknown>) => {
  const result = check(input);
  return result.ok ? [] : result.errors.map((error) => [error.field, error.message]);
};

describe('the contact form', () => {
  it('lists every missing answer of an empty form, in page order', () => {
    expect(messages({})).toEqual([
      ['type', 'Select what your message is about'],
      ['message', 'Enter your message'],
      ['replyBy', 'Select if you want a reply'],
    ]);
  });

  it('takes an anonymous concern with no name or contact at all', () => {
    const result = check({ type: 'concern', message: 'Why can a dentist see my record?', replyBy: 'none' });
    expect(result).toEqual({
      ok: true,
      data: {
        type: 'concern',
        rightsRequest: null,
        aboutOwnRecord: false,
        message: 'Why can a dentist see my record?',
        topic: null,
        reply: { by: 'none' },
        name: null,
        identity: null,
      },
    });
  });

  it('keeps only the contact detail the chosen reply needs, even if others were typed (no-JavaScript form)', () => {
    const result = check({
      type: 'question',
      message: 'Hello',
      replyBy: 'phone',
      phone: '07700 900982',
      email: 'not-wanted@example.com',
      name: 'Ann Example',
      dateOfBirthDay: '1',
      postcode: 'AW1 2BT',
    });
    expect(result.ok && result.data).toMatchObject({
      reply: { by: 'phone', phone: '+447700900982' },
      name: 'Ann Example',
      identity: null,
    });
    expect(JSON.stringify(result)).not.toContain('not-wanted@example.com');
  });

  it('refuses an anonymous rights request: we need a way to answer it', () => {
    expect(messages({ type: 'rights-request', rightsRequest: 'see', message: 'Copy please', replyBy: 'none' })).toEqual(
      expect.arrayContaining([
        ['replyBy', 'Select email, phone or post. We need a way to answer a request about your information'],
      ]),
    );
  });

  it('refuses an anonymous offer to join the lay partners, saying why, and asks for nothing about a record', () => {
    expect(messages({ type: 'lay-partner', message: 'I would like to help', replyBy: 'none' })).toEqual([
      ['replyBy', 'Select email, phone or post. We need a way to reach you about joining the lay partner group'],
    ]);
    const result = feedbackFormSchema().safeParse({
      type: 'lay-partner',
      message: 'I would like to help',
      replyBy: 'email',
      email: 'sam@example.com',
      name: 'Sam Example',
    });
    expect(result.success && result.data).toMatchObject({ type: 'lay-partner', identity: null, name: 'Sam Example' });
  });

  it('asks for name, date of birth and postcode for a rights request, and no more', () => {
    expect(messages({ type: 'rights-request', message: 'x', replyBy: 'email', email: 'a@example.com' })).toEqual([
      ['rightsRequest', 'Select what you want us to do with your information'],
      ['name', 'Enter your full name'],
      ['dateOfBirth', 'Enter your date of birth'],
      ['postcode', 'Enter your home postcode, or select I do not have a UK postcode'],
    ]);
  });

  it('asks a complaint whether it is about the own record, and then for identity only if yes', () => {
    expect(messages({ type: 'complaint', message: 'x', replyBy: 'none' })).toEqual([
      ['aboutOwnRecord', 'Select yes if your complaint is about your own record'],
    ]);
    expect(messages({ type: 'complaint', aboutOwnRecord: 'no', message: 'x', replyBy: 'none' })).toEqual([]);
    expect(messages({ type: 'complaint', aboutOwnRecord: 'yes', message: 'x', replyBy: 'none' })).toEqual([
      ['name', 'Enter your full name'],
      ['dateOfBirth', 'Enter your date of birth'],
      ['postcode', 'Enter your home postcode, or select I do not have a UK postcode'],
    ]);
  });

  it('uses the postal address postcode to find the record rather than asking twice', () => {
    const result = check({
      type: 'rights-request',
      rightsRequest: 'correct',
      message: 'My address is wrong',
      replyBy: 'post',
      addressLine1: '1 High Street',
      addressTown: 'Ashby',
      addressPostcode: 'aw12bt',
      name: 'Ann Example',
      dateOfBirthDay: '15',
      dateOfBirthMonth: '3',
      dateOfBirthYear: '1984',
    });
    expect(result.ok && result.data).toMatchObject({
      reply: { by: 'post', address: { lines: ['1 High Street', 'Ashby'], postcode: 'AW1 2BT' } },
      identity: { dateOfBirth: '1984-03-15', postcode: 'AW1 2BT' },
    });
  });

  it('accepts "I do not have a UK postcode" for finding a record', () => {
    const result = check({
      type: 'rights-request',
      rightsRequest: 'delete',
      message: 'x',
      replyBy: 'email',
      email: 'a@example.com',
      name: 'A B',
      dateOfBirthDay: '1',
      dateOfBirthMonth: '1',
      dateOfBirthYear: '1990',
      noPostcode: 'yes',
    });
    expect(result.ok && result.data.identity).toEqual({ dateOfBirth: '1990-01-01', postcode: null });
  });

  it('gives a plain message for each wrong contact detail', () => {
    expect(messages({ type: 'question', message: 'x', replyBy: 'email', email: 'ann@', name: 'A' })).toEqual([
      ['email', 'Enter an email address in the correct format, like name@example.com'],
    ]);
    expect(messages({ type: 'question', message: 'x', replyBy: 'email', name: 'A' })).toEqual([
      ['email', 'Enter your email address'],
    ]);
    expect(messages({ type: 'question', message: 'x', replyBy: 'phone', phone: '12', name: 'A' })).toEqual([
      ['phone', 'Enter a UK phone number, like 01632 960 001 or 07700 900 982'],
    ]);
    expect(messages({ type: 'question', message: 'x', replyBy: 'post', name: 'A', addressPostcode: 'nope' })).toEqual([
      ['addressLine1', 'Enter address line 1, typically the building and street'],
      ['addressTown', 'Enter town or city'],
      ['addressPostcode', 'Enter a full UK postcode, like SW1A 2AA'],
    ]);
  });

  it('checks lengths and dates of birth', () => {
    expect(messages({ type: 'question', message: 'x'.repeat(5001), topic: 't'.repeat(201), replyBy: 'none' })).toEqual([
      ['message', 'Your message must be 5,000 characters or fewer'],
      ['topic', 'Page or topic must be 200 characters or fewer'],
    ]);
    const rights = {
      type: 'rights-request',
      rightsRequest: 'see',
      message: 'x',
      replyBy: 'phone',
      phone: '01632 960001',
      name: 'A',
      noPostcode: 'yes',
    };
    expect(messages({ ...rights, dateOfBirthDay: '31', dateOfBirthMonth: '2', dateOfBirthYear: '1990' })).toEqual([
      ['dateOfBirth', 'Date of birth must be a real date'],
    ]);
    expect(messages({ ...rights, dateOfBirthDay: '1', dateOfBirthMonth: '1', dateOfBirthYear: '2030' })).toEqual([
      ['dateOfBirth', 'Date of birth must be in the past'],
    ]);
  });

  it('treats values that are not text (from a JSON caller) as empty, not as a crash', () => {
    expect(messages({ type: 7, message: ['a'], replyBy: null })).toHaveLength(3);
  });
});

describe('"Was this page helpful?"', () => {
  it('accepts a site path and yes or no, and refuses anything else in the path', () => {
    expect(validateForm(pageHelpfulVoteSchema(), { path: '/what-is-it/', helpful: 'no' }).ok).toBe(true);
    expect(validateForm(pageHelpfulVoteSchema(), { path: '/search/?q=ann@example.com', helpful: 'no' }).ok).toBe(false);
    expect(validateForm(pageHelpfulVoteSchema(), { path: '/', helpful: 'maybe' })).toEqual({
      ok: false,
      errors: [{ field: 'helpful', message: 'Select yes or no' }],
    });
  });

  it('limits a comment to 1,000 characters and allows none', () => {
    const base = { path: '/', followUp: '12.0123456789abcdef0123456789abcdef' };
    expect(validateForm(pageHelpfulCommentSchema(), { ...base, comment: '' }).ok).toBe(true);
    expect(validateForm(pageHelpfulCommentSchema(), { ...base, comment: 'x'.repeat(1001) })).toEqual({
      ok: false,
      errors: [{ field: 'comment', message: 'Your comment must be 1,000 characters or fewer' }],
    });
  });
});
