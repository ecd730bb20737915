/**
 * Notice before new sharing (Caldicott principle 8, "no surprises": people should not be surprised
 * by how their information is used). An update that announces new sharing is published at least
 * `noticeDays` before the sharing starts, so people can read it and opt out first. Until that day
 * the site shows it as coming. Dates are calendar days at midnight UTC, as the content schemas
 * make them, so adding whole days never crosses a clock change.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first day new sharing may start for an update published on `published`. */
export function earliestSharingStart(published: Date, noticeDays: number): Date {
  return new Date(published.getTime() + noticeDays * DAY_MS);
}

/** Whole days between publication and the start of sharing. */
export function noticeGiven(published: Date, sharingStarts: Date): number {
  return Math.round((sharingStarts.getTime() - published.getTime()) / DAY_MS);
}

/** True when the sharing starts too soon after the update is published. */
export function tooLittleNotice(published: Date, sharingStarts: Date, noticeDays: number): boolean {
  return sharingStarts.getTime() < earliestSharingStart(published, noticeDays).getTime();
}

/**
 * True while the sharing has not started: the site then says "coming on <date>" and links to the
 * opt-out form. `today` is a calendar day at midnight UTC (the build's day in London).
 */
export function sharingIsComing(sharingStarts: Date | undefined, today: Date): boolean {
  return sharingStarts !== undefined && sharingStarts.getTime() > today.getTime();
}
