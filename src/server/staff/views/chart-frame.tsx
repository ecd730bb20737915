import type { ReactNode } from 'react';
import { ScrollRegion } from './ScrollRegion.tsx';

/** Chart text is at least this big (user units; the chart is never drawn narrower than its width). */
export const CHART_FONT_SIZE = 16;
/** NHS identity colours with at least 3:1 contrast on white (WCAG 1.4.11 non-text contrast). */
export const CHART_COLOURS = { blue: '#005eb8', darkBlue: '#003087', green: '#007f3b', purple: '#330072' } as const;

interface Props {
  id: string;
  title: string;
  /** The key figures in words: what a screen-reader user hears instead of the picture. */
  description: string;
  width: number;
  height: number;
  children: ReactNode;
}

/**
 * The SVG every chart is drawn in. `role="img"` with a title and description makes screen readers
 * announce it as one picture with its key figures (the table beside it has every number). It is
 * drawn at a fixed size so its text never shrinks below 16px; on a narrow screen it is wider than
 * the page, which WCAG 1.4.10 allows for diagrams, so it scrolls in its own region (ScrollRegion)
 * instead of pushing the page sideways.
 */
export function ChartFrame({ id, title, description, width, height, children }: Props) {
  return (
    <div className="staff-chart nhsuk-u-margin-bottom-4">
      <ScrollRegion label={title}>
        <svg
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          fontSize={CHART_FONT_SIZE}
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {children}
        </svg>
      </ScrollRegion>
    </div>
  );
}
