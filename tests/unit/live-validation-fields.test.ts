import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DateInput } from '../../src/forms/components/DateInput.tsx';
import { belongsTo } from '../../src/forms/use-live-validation.ts';

describe('which field an input belongs to, for live messages', () => {
  it('is the field itself, or one of a date’s three boxes', () => {
    expect(belongsTo('nhsNumber', 'nhsNumber')).toBe(true);
    for (const part of ['Day', 'Month', 'Year']) expect(belongsTo(`dateOfBirth${part}`, 'dateOfBirth')).toBe(true);
  });

  it('counts each box the date input draws as its field, whatever the boxes are named', () => {
    const html = renderToStaticMarkup(createElement(DateInput, { name: 'appliedOn', legend: 'Date applied' }));
    const names = [...html.matchAll(/<input[^>]* name="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(names).toHaveLength(3);
    for (const name of names) {
      expect(belongsTo(name, 'appliedOn'), name).toBe(true);
      expect(belongsTo(name, 'applied'), name).toBe(false);
    }
  });

  it('is not any field whose name merely starts the same', () => {
    expect(belongsTo('nhsNumberKnown', 'nhsNumber')).toBe(false);
    // A consultation's tenth question is not its first.
    expect(belongsTo('q-10', 'q-1')).toBe(false);
    expect(belongsTo('addressLine1', 'addressLine')).toBe(false);
    expect(belongsTo('dateOfBirthday', 'dateOfBirth')).toBe(false);
  });
});
