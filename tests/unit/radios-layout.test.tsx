import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Radios } from '../../src/forms/components/index.ts';

/**
 * NHS.UK's radio styles read each item as a direct child of .nhsuk-radios: inline radios are a
 * flex row whose items may take at most half of it, and the gap between items is "an item after
 * an item". Wrapped in an element of their own, the extension radios' labels ("1 month")
 * wrapped under their buttons at desktop widths (issue 19, item 5).
 */
describe('radios', () => {
  it('puts inline items side by side, each a direct child of the group', () => {
    const html = renderToStaticMarkup(
      <Radios
        name="months"
        legend="Extend the deadline by"
        inline
        options={[
          { value: '1', label: '1 month' },
          { value: '2', label: '2 months' },
        ]}
      />,
    );
    expect(html).toContain(
      '<div class="nhsuk-radios nhsuk-radios--inline"><div class="nhsuk-radios__item"><input class="nhsuk-radios__input" id="months"',
    );
    expect(html).toMatch(/1 month<\/label><\/div><div class="nhsuk-radios__item"><input[^>]*id="months-2"/);
  });

  it('keeps an option’s conditional questions as the next sibling of its item', () => {
    const html = renderToStaticMarkup(
      <Radios
        name="route"
        legend="Who is it for"
        options={[
          { value: 'self', label: 'Me' },
          { value: 'proxy', label: 'Someone else', conditional: <p>Their name</p> },
          { value: 'other', label: 'Other' },
        ]}
      />,
    );
    expect(html).toMatch(
      /Someone else<\/label><\/div><div class="nhsuk-radios__conditional" id="route-2-conditional"><p>Their name<\/p><\/div><div class="nhsuk-radios__item">/,
    );
  });
});
