import { t } from '../../i18n/t.ts';
import { groupByKind, type LaunchItem } from './kinds.ts';

/** The report as plain text for the terminal: a heading and a hint per kind, one line per item. */
export function describeLaunchItems(items: readonly LaunchItem[]): string {
  return groupByKind(items)
    .map(({ kind, items: inGroup }) =>
      [
        `${t(`launchCheck.kind.${kind}`)} (${inGroup.length})`,
        `  ${t(`launchCheck.hint.${kind}`)}`,
        ...inGroup.map((item) => `  - ${item.file}: ${item.detail}`),
      ].join('\n'),
    )
    .join('\n\n');
}
