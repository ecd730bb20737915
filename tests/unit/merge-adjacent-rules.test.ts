import { describe, expect, it } from 'vitest';
import { mergeAdjacentRules } from '../../scripts/merge-adjacent-rules.ts';

describe('mergeAdjacentRules (scripts/merge-adjacent-rules.ts)', () => {
  it('joins neighbouring rules of the same selector, declarations in their order', () => {
    expect(mergeAdjacentRules('.b{font-weight:600}.b{font-size:1rem;font-weight:400}.c{color:red}')).toBe(
      '.b{font-weight:600;font-size:1rem;font-weight:400}.c{color:red}',
    );
  });

  it('joins neighbouring media blocks of the same query, and the rules that then stand side by side', () => {
    expect(
      mergeAdjacentRules(
        '@media (min-width:40em){.b{font-size:19px}}@media (min-width:40em){.b{line-height:1.4}.c{margin:0}}',
      ),
    ).toBe('@media (min-width:40em){.b{font-size:19px;line-height:1.4}.c{margin:0}}');
  });

  it('joins nothing across another rule, another query or a supports block: the cascade would change', () => {
    const css =
      '.b{color:red}.c{color:blue}.b{color:green}@media print{.b{color:#000}}@media (min-width:40em){.b{margin:0}}@supports (margin:max(0px)){.b{margin:1px}}@supports (margin:max(0px)){.b{margin:2px}}';
    expect(mergeAdjacentRules(css)).toBe(css);
  });
});
