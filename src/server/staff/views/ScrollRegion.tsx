import type { ReactNode } from 'react';

/**
 * A wide table or chart that scrolls sideways on its own on a narrow screen (390 px), instead of
 * pushing the whole page sideways. The region is focusable (tabindex 0) so keyboard users can
 * scroll it with the arrow keys, and named (role="region" with aria-label) so screen reader users
 * hear what it holds when focus lands on it — the pattern GOV.UK and the WCAG "reflow" guidance
 * (1.4.10) use for data tables that cannot reflow.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard (WCAG 2.1.1).
    // biome-ignore lint/a11y/useSemanticElements: an explicit region on a div, as GOV.UK's scrolling tables do; a <section> would add a landmark heading expectation.
    <div className="staff-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
