import { describe, expect, it } from 'vitest';
import { validateForm } from '../../src/forms/validation.ts';
import { subscribeFormSchema, subscriptionChoicesSchema } from '../../src/schemas/forms/subscription.ts';

describe('the email updates sign-up form', () => {
  it('accepts an address, one ticked topic (posted as text) and a frequency', () => {
    const result = validateForm(subscribeFormSchema(), {
      email: '  Sam@Example.org ',
      topics: 'events',
      frequency: 'weekly',
    });
    expect(result).toEqual({ ok: true, data: { email: 'Sam@Example.org', topics: ['events'], frequency: 'weekly' } });
  });

  it('keeps several topics in page order, and only "all" when all is ticked', () => {
    const several = validateForm(subscriptionChoicesSchema(), {
      topics: ['you-said-we-did', 'newly-shared'],
      frequency: 'immediate',
    });
    expect(several.ok && several.data.topics).toEqual(['newly-shared', 'you-said-we-did']);
    const all = validateForm(subscriptionChoicesSchema(), { topics: ['events', 'all'], frequency: 'immediate' });
    expect(all.ok && all.data.topics).toEqual(['all']);
  });

  it('says in plain words what to do for each missing or wrong answer, in page order', () => {
    const result = validateForm(subscribeFormSchema(), { email: 'not an address', topics: 'nonsense' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
        { field: 'topics', message: 'Select what you want to hear about' },
        { field: 'frequency', message: 'Select how often you want emails' },
      ],
    });
    const empty = validateForm(subscribeFormSchema(), {});
    expect(empty.ok ? [] : empty.errors.map((error) => error.message)).toEqual([
      'Enter your email address',
      'Select what you want to hear about',
      'Select how often you want emails',
    ]);
  });

  it('refuses an address longer than RFC 5321 allows', () => {
    const result = validateForm(subscribeFormSchema(), {
      email: `${'a'.repeat(250)}@example.org`,
      topics: 'all',
      frequency: 'weekly',
    });
    expect(result.ok).toBe(false);
  });
});
