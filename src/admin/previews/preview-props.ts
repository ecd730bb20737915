import type { ReactNode } from 'react';
import type { EntryData } from './entry-data.ts';

/** What every preview template gets, in the CMS and on the preview check pages alike. */
export interface PreviewProps {
  /** The entry's front matter (or YAML), possibly half-filled. */
  data: EntryData;
  /** The rendered Markdown body: Decap's widgetFor('body') in the CMS, <Content /> on the check pages. */
  children?: ReactNode;
  /** The Markdown body as written, for the reading-age check. */
  body: string;
  /** The site's reading-age target. */
  target: number;
}

/** A type guard for "is this one of the schema's allowed values", without widening casts. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return list.some((item) => item === value);
}
