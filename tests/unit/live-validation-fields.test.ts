import { describe, expect, it } from 'vitest';
import { belongsTo } from '../../src/forms/use-live-validation.ts';

describe('which field an input belongs to, for live messages', () => {
  it('is the field itself, or one of a date’s three boxes', () => {
    expect(belongsTo('nhsNumber', 'nhsNumber')).toBe(true);
    for (const part of ['Day', 'Month', 'Year']) expect(belongsTo(`dateOfBirth${part}`, 'dateOfBirth')).toBe(true);
  });

  it('is not any field whose name merely starts the same', () => {
    expect(belongsTo('nhsNumberKnown', 'nhsNumber')).toBe(false);
    // A consultation's tenth question is not its first.
    expect(belongsTo('q-10', 'q-1')).toBe(false);
    expect(belongsTo('addressLine1', 'addressLine')).toBe(false);
    expect(belongsTo('dateOfBirthday', 'dateOfBirth')).toBe(false);
  });
});
