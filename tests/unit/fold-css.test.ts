import { describe, expect, it } from 'vitest';
import { canFold, foldedCss, foldMembers, linkFolded } from '../../scripts/fold-css.ts';

describe('folding the stylesheets every page of a template links into one file (scripts/fold-css.ts)', () => {
  it('folds the sheets every page links, in the order they stand, and not a sheet only some pages link', () => {
    const orders = [['site', 'base'], ['layout', 'site', 'base'], ['site', 'base', 'toolkit'], []];
    expect(foldMembers(orders)).toEqual(['site', 'base']);
  });

  it('folds nothing when pages share one sheet or none', () => {
    expect(foldMembers([['site', 'map'], ['site']])).toEqual([]);
    expect(foldMembers([['a'], ['b']])).toEqual([]);
  });

  it('lets a page load the folded file only where the members stand together, in the folded order', () => {
    expect(canFold(['map', 'site', 'base'], ['site', 'base'])).toBe(true);
    expect(canFold(['site', 'base', 'toolkit'], ['site', 'base'])).toBe(true);
    // Its own sheet between them: folded, site and BaseLayout would both come before it.
    expect(canFold(['toolkit', 'site', 'list', 'base'], ['site', 'base'])).toBe(false);
    expect(canFold(['base', 'site'], ['site', 'base'])).toBe(false);
  });

  it('points the page at the folded file where its first member stood, and drops the other members’ links', () => {
    const head =
      '<link rel="stylesheet" href="/_astro/map.css"><link rel="stylesheet" href="/_astro/site.css"><link rel="stylesheet" href="/_astro/base.css">';
    expect(linkFolded(head, ['/_astro/site.css', '/_astro/base.css'], '/_astro/site.x.css')).toBe(
      '<link rel="stylesheet" href="/_astro/map.css"><link rel="stylesheet" href="/_astro/site.x.css">',
    );
  });

  it('opens the folded file with a member’s @charset, and folds nothing that has @import or @layer', () => {
    expect(foldedCss(['.a{top:0}', '@charset "UTF-8";.b{top:0}'])).toBe('@charset "UTF-8";.a{top:0}\n.b{top:0}');
    expect(foldedCss(['.a{top:0}', '@layer base{.b{top:0}}'])).toBeUndefined();
    expect(foldedCss(['@import "x.css";', '.b{top:0}'])).toBeUndefined();
  });
});
