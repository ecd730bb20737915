import { describe, expect, it } from 'vitest';
import { dropUnmatchedRules, parsePage } from '../../scripts/drop-unmatched-rules.ts';

const page = (body: string) =>
  parsePage(`<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`);

describe('dropUnmatchedRules (scripts/drop-unmatched-rules.ts)', () => {
  it('takes out a rule whose classes are each on the page but never together as its selector needs', () => {
    const pages = [
      page('<a class="nhsuk-button" href="/a">Go</a>'),
      page('<svg class="nhsuk-icon"></svg><ol><li>One</li></ol><h2>Next</h2>'),
    ];
    const css = '.nhsuk-button{color:#fff}.nhsuk-button .nhsuk-icon{fill:#fff}ol+h4{margin-top:0}ol+h2{margin-top:0}';
    expect(dropUnmatchedRules(css, pages)).toBe('.nhsuk-button{color:#fff}ol+h2{margin-top:0}');
  });

  it('matches the page as the browser parses it: an unclosed paragraph ends before the list', () => {
    // <p>Text<ul> is a paragraph, then a list beside it: `p ul` matches nothing, `p+ul` does.
    const pages = [page('<p>Text<ul><li>One</li></ul>')];
    expect(dropUnmatchedRules('p ul{color:red}p+ul{color:blue}', pages)).toBe('p+ul{color:blue}');
  });

  it('keeps what a reader, the browser or the printer can change: focus, hover, visited, opened details, before and after', () => {
    const pages = [
      page(
        '<a class="nhsuk-back-link" href="/">Back</a><details class="nhsuk-details"><summary>More</summary></details>',
      ),
    ];
    const css = [
      '.nhsuk-back-link:focus{background:#ffeb3b}',
      '.nhsuk-back-link:hover:not(:focus){color:#7c2855}',
      'a:visited{color:#330072}',
      '.nhsuk-details[open]>summary{color:#000}',
      '.nhsuk-back-link:before{content:""}',
      '.nhsuk-back-link::-moz-focus-inner{border:0}',
      '@media print{a:after{content:" (Link: " attr(href) ")"}}',
    ].join('');
    expect(dropUnmatchedRules(css, pages)).toBe(css);
  });

  it('does not let a widened part hide a dead one: a focused link with an icon in it still needs the icon', () => {
    const pages = [page('<a class="nhsuk-back-link" href="/">Back</a><svg class="nhsuk-icon"></svg>')];
    expect(dropUnmatchedRules('.nhsuk-back-link:focus .nhsuk-icon{fill:currentcolor}', pages)).toBe('');
  });

  it('shortens a list only by selectors every supported browser reads, and keeps a rule it cannot read', () => {
    const pages = [page('<p>One</p><h2>Two</h2><a href="/">Home</a>')];
    // ol+h2 is CSS 3: out of the list. A browser without :has() or :focus-visible ignores the
    // whole of the other two rules now; without the dead selector it would start to apply them.
    // A column combinator (||) is a selector css-select cannot read.
    const css = [
      'ol+h2,p+h2{margin-top:0}',
      'ol:has(+h2),p+h2{margin-top:1px}',
      'ol a:focus-visible,a:focus{outline:0}',
      '.x||.y{color:red}',
    ].join('');
    expect(dropUnmatchedRules(css, pages)).toBe(css.replace('ol+h2,p+h2{', 'p+h2{'));
  });

  it('takes out a media or supports block left empty, and looks at every page that links the sheet', () => {
    const pages = [page('<p class="a">One</p>'), page('<p class="b">Two</p>')];
    const css = '@media (min-width:40.0625em){@supports (margin:max(0px)){.a .b{margin:0}}.b{margin:1px}}';
    expect(dropUnmatchedRules(css, pages)).toBe('@media (min-width:40.0625em){.b{margin:1px}}');
  });
});
