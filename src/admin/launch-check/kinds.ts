/**
 * What the launch check can find, shared by the check (rules.ts), the terminal report
 * (describe.ts) and the staff page, which must not pull the content readers into a function.
 */

/** The kinds of thing left to do, in the order the check lists them. */
export const launchItemKinds = [
  'example-entry',
  'example-address',
  'drama-number',
  'fictional-processor',
  'unset-controller',
  'dpia-link',
  'review-overdue',
  'legal-review',
  'stale-translation',
  'translation-review',
] as const;
export type LaunchItemKind = (typeof launchItemKinds)[number];

export interface LaunchItem {
  kind: LaunchItemKind;
  /** The file to change, relative to the repository, e.g. content/faqs/x.md. */
  file: string;
  /** What exactly: the address, the number, the field or the date. */
  detail: string;
}

/** The items in groups, one per kind, in the check's order, empty kinds left out. */
export function groupByKind(items: readonly LaunchItem[]): { kind: LaunchItemKind; items: LaunchItem[] }[] {
  return launchItemKinds
    .map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) }))
    .filter((group) => group.items.length > 0);
}
