import type { ReactNode } from 'react';

/**
 * A check only the editor sees above the preview (reading age, absolute claims): a card in its
 * own complementary landmark, named by its heading, so screen reader users can jump to it and
 * past it to the page as residents will see it.
 */
export function EditorCheck({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <aside className={`nhsuk-card ${id}`} aria-labelledby={`${id}-heading`}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s" id={`${id}-heading`}>
          {heading}
        </h2>
        {children}
      </div>
    </aside>
  );
}
