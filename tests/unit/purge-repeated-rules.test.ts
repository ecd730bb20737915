import { describe, expect, it } from 'vitest';
import { dropRepeatedRules } from '../../scripts/purge-css.ts';

const forms = [
  '.nhsuk-button{color:#fff;background:#007f3b}',
  '.nhsuk-input{border:2px solid #4c6272}',
  '@media (min-width:40.0625em){.nhsuk-body-m{font-size:19px}.nhsuk-input{width:100%}}',
].join('');
const site = [
  '.nhsuk-button{color:#fff;background:#007f3b}',
  '.nhsuk-input{border:2px solid #000}',
  '@media (min-width:40.0625em){.nhsuk-body-m{font-size:19px}}',
  '.nhsuk-input{width:100%}',
].join('');

describe('dropRepeatedRules (scripts/purge-css.ts)', () => {
  it('drops the rules a stylesheet linked later on every page repeats exactly, and keeps the rest', () => {
    const out = dropRepeatedRules(
      new Map([
        ['/forms.css', forms],
        ['/site.css', site],
      ]),
      [['/forms.css', '/site.css'], ['/site.css']],
    );
    // The repeated button rule and the repeated media-query rule go; the input rules differ
    // (other border; the width rule is outside the media query in site.css), so they stay.
    expect(out.get('/forms.css')).toBe(
      '.nhsuk-input{border:2px solid #4c6272}@media (min-width:40.0625em){.nhsuk-input{width:100%}}',
    );
    expect(out.get('/site.css')).toBe(site);
  });

  it('keeps every rule of a stylesheet that comes after the other on some page', () => {
    const out = dropRepeatedRules(
      new Map([
        ['/forms.css', forms],
        ['/site.css', site],
      ]),
      [
        ['/forms.css', '/site.css'],
        ['/site.css', '/forms.css'],
      ],
    );
    expect(out.get('/forms.css')).toBe(forms);
    expect(out.get('/site.css')).toBe(site);
  });
});
