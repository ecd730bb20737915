import { todayInLondon } from '../../domain/calendar-date.ts';
import { contentTypes } from '../collections.ts';
import { readContentFiles } from '../content-files.ts';
import type { LaunchItem, LaunchItemKind } from './kinds.ts';
import { launchItems } from './rules.ts';

/**
 * The launch check (issue 14): everything a comms team must replace before the site goes live.
 * `npm run launch-check` prints it and fails while anything is left; the build writes it to
 * dist/staff-shell/launch-check.json for the staff page (src/server/staff/launch-check/).
 */
export interface LaunchReport {
  /** The day it was checked (YYYY-MM-DD, London): review dates are judged against it. */
  checkedOn: string;
  items: LaunchItem[];
}

/**
 * Kinds that are made-up content rather than work still to do: with NODE_ENV=production, or on a
 * platform, the build refuses them unless ALLOW_EXAMPLE_CONTENT=1 (scripts/validate-content.ts).
 */
export const exampleKinds: readonly LaunchItemKind[] = [
  'example-entry',
  'example-address',
  'drama-number',
  'fictional-processor',
];

/** Runs the check on the content under `root` (CONTENT_DIR replaces the leading "content"). */
export function runLaunchCheck(root: string, contentDir = 'content', now = new Date()): LaunchReport {
  const entries = contentTypes.flatMap((type) => readContentFiles(type, root, contentDir).files);
  const checkedOn = todayInLondon(now);
  return { checkedOn, items: launchItems(entries, root, checkedOn) };
}
