import { earliestSharingStart, noticeGiven, tooLittleNotice } from '../domain/sharing-notice.ts';
import { formatDate } from '../i18n/t.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { updateSchema } from '../schemas/update.ts';
import type { ContentFile } from './content-files.ts';

/**
 * The notice rule across two files: an update announcing new sharing must be published at least
 * settings.noticeDays before its `sharingStarts` (src/domain/sharing-notice.ts says why). A file
 * that fails its own schema is reported by the schema check, so it is skipped here.
 */

/** The notice period in the settings file, or the schema's default when the file cannot be read. */
function noticeDaysIn(entries: ContentFile[]): number {
  const file = entries.find((entry) => entry.type.name === 'settings');
  const parsed = settingsSchema().shape.noticeDays.safeParse(
    file && typeof file.data === 'object' && file.data !== null ? Reflect.get(file.data, 'noticeDays') : undefined,
  );
  return parsed.success ? parsed.data : 28;
}

export function sharingNoticeProblems(entries: ContentFile[]) {
  const noticeDays = noticeDaysIn(entries);
  const problems: { file: string; field: string; message: string }[] = [];
  for (const entry of entries) {
    if (entry.type.name !== 'updates') continue;
    const parsed = updateSchema().safeParse(entry.data);
    if (!parsed.success || parsed.data.sharingStarts === undefined) continue;
    const { date, sharingStarts } = parsed.data;
    if (!tooLittleNotice(date, sharingStarts, noticeDays)) continue;
    problems.push({
      file: entry.file,
      field: 'sharingStarts',
      message: `People must be told ${noticeDays} days before new sharing starts, so they can opt out first. This update gives ${noticeGiven(date, sharingStarts)}: publish it earlier, or start the sharing on ${formatDate(earliestSharingStart(date, noticeDays))} or later`,
    });
  }
  return problems;
}
