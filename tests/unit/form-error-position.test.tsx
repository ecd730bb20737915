import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Checkboxes, DateInput, FileUpload, Radios, Textarea, TextInput } from '../../src/forms/components/index.ts';
import { Select } from '../../src/forms/components/Select.tsx';
import { PasswordInput } from '../../src/server/staff/views/PasswordInput.tsx';

/**
 * The NHS.UK pattern puts a field's error message under its label or legend (and hint), right
 * above the boxes: a screen reader user hears the question, then what is wrong with the answer.
 * The apply form showed its date error above the legend, before the question it is about.
 */
const error = 'Enter the date the opt-out was applied';
const cases: [string, ReactElement, string][] = [
  [
    'a date',
    <DateInput key="d" name="appliedOn" legend="Date applied" hint="For example, 27 3 2026" error={error} />,
    '</legend>',
  ],
  [
    'radios',
    <Radios
      key="r"
      name="who"
      legend="Who is it for?"
      hint="Choose one"
      options={[{ value: 'me', label: 'Me' }]}
      error={error}
    />,
    '</legend>',
  ],
  [
    'checkboxes',
    <Checkboxes
      key="c"
      name="roles"
      legend="Which roles?"
      hint="Any"
      options={[{ value: 'ig', label: 'IG' }]}
      error={error}
    />,
    '</legend>',
  ],
  [
    'a text box',
    <TextInput key="t" name="reference" label="Reference" hint="8 characters" error={error} />,
    '</label>',
  ],
  ['a text area', <Textarea key="a" name="note" label="Note" hint="Do not" error={error} />, '</label>'],
  [
    'a file',
    <FileUpload key="f" name="evidence" label="Evidence" hint="PDF" error={error} accept=".pdf" />,
    '</label>',
  ],
  [
    'a select',
    <Select key="s" name="assignTo" label="Who" hint="Pick" options={[{ value: 'me', label: 'Me' }]} error={error} />,
    '</label>',
  ],
  [
    'a password',
    <PasswordInput
      key="p"
      name="password"
      label="Password"
      hint="12 or more"
      error={error}
      autoComplete="new-password"
    />,
    '</label>',
  ],
];

describe('error messages sit under the question', () => {
  it.each(cases)('%s: after the legend or label and the hint, before the boxes', (_, element, question) => {
    const html = renderToStaticMarkup(element);
    const at = html.indexOf('nhsuk-error-message');
    expect(at).toBeGreaterThan(html.indexOf(question));
    expect(at).toBeGreaterThan(html.indexOf('nhsuk-hint'));
    expect(at).toBeLessThan(
      Math.min(...['<input', '<textarea', '<select'].map((tag) => html.indexOf(tag)).filter((i) => i >= 0)),
    );
  });

  // Fieldsets (dates, radios, checkboxes) carry aria-describedby on the fieldset instead.
  it.each(cases.filter(([, , question]) => question === '</label>'))(
    '%s: the box is described by the hint and the error, so both are read out',
    (_, element) => {
      const html = renderToStaticMarkup(element);
      const describedBy = /<(?:input|textarea|select)[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1]?.split(' ') ?? [];
      const ids = [...html.matchAll(/class="nhsuk-(?:hint|error-message)" id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      expect(describedBy).toEqual(ids);
    },
  );
});
