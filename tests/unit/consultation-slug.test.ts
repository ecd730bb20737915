import { describe, expect, it } from 'vitest';
import { isConsultationSlug } from '../../src/domain/consultations.ts';

describe('the addresses a consultation can have', () => {
  it('is lower-case words joined by single hyphens, up to 100 characters', () => {
    for (const slug of ['how-we-write-to-you', 'survey2027', 'a', 'a'.repeat(100), `${'ab-'.repeat(33)}a`])
      expect(isConsultationSlug(slug), slug).toBe(true);
  });

  it('is never a longer name, a path, a capital letter or a stray hyphen', () => {
    for (const slug of [
      '',
      'a'.repeat(101),
      '../settings/site',
      'a/b',
      'How-we-write',
      '-a',
      'a-',
      'a--b',
      'a_b',
      'a b',
    ])
      expect(isConsultationSlug(slug), slug).toBe(false);
  });
});
