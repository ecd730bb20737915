import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { earliestSharingStart, sharingIsComing, tooLittleNotice } from '../../src/domain/sharing-notice.ts';

/**
 * Notice before new sharing (Caldicott principle 8, "no surprises"): an update announcing new
 * sharing is published at least settings.noticeDays (28) before the sharing starts, or the
 * content check stops the build; until the day, the site says it is coming.
 */

const root = join(import.meta.dirname, '..', '..');
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The content check on a copy of content/ where the care-home update has these dates. */
function checkWith(frontMatter: { date: string; sharingStarts?: string }, noticeDays?: number) {
  const copy = mkdtempSync(join(tmpdir(), 'clearshare-notice-'));
  copies.push(copy);
  cpSync(join(root, 'content'), join(copy, 'content'), { recursive: true });
  const file = join(copy, 'content/updates/care-home-records-now-shared.md');
  let text = readFileSync(file, 'utf8').replace(/^date: .*$/m, `date: ${frontMatter.date}`);
  text = frontMatter.sharingStarts
    ? text.replace(/^sharingStarts: .*$/m, `sharingStarts: ${frontMatter.sharingStarts}`)
    : text.replace(/^sharingStarts: .*\n/m, '');
  writeFileSync(file, text);
  if (noticeDays !== undefined) {
    const settings = join(copy, 'content/settings/site.yaml');
    writeFileSync(settings, `${readFileSync(settings, 'utf8')}noticeDays: ${noticeDays}\n`);
  }
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate-content.ts'], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: join(copy, 'content') },
    encoding: 'utf8',
  });
  return { status: run.status, errors: run.stderr };
}

describe('the notice period rule', () => {
  it('counts 28 days from publication as enough, 27 as too few', () => {
    expect(earliestSharingStart(day('2026-02-09'), 28)).toEqual(day('2026-03-09'));
    expect(tooLittleNotice(day('2026-02-09'), day('2026-03-09'), 28)).toBe(false);
    expect(tooLittleNotice(day('2026-02-10'), day('2026-03-09'), 28)).toBe(true);
  });

  it('says new sharing is coming until the day it starts, and not from that day', () => {
    expect(sharingIsComing(day('2026-03-09'), day('2026-03-08'))).toBe(true);
    expect(sharingIsComing(day('2026-03-09'), day('2026-03-09'))).toBe(false);
    expect(sharingIsComing(undefined, day('2026-03-08'))).toBe(false);
  });
});

describe('the content check stops a build that announces new sharing too late', () => {
  it('passes an update published 28 days before the sharing starts', () => {
    expect(checkWith({ date: '2026-02-09', sharingStarts: '2026-03-09' }).status).toBe(0);
  });

  it('stops an update published 27 days before, naming the file, the notice and the earliest start', () => {
    const { status, errors } = checkWith({ date: '2026-02-10', sharingStarts: '2026-03-09' });
    expect(status).toBe(1);
    expect(errors).toMatch(
      /care-home-records-now-shared\.md: sharingStarts: People must be told 28 days before new sharing starts.*gives 27.*start the sharing on 10 March 2026 or later/,
    );
  });

  it('stops an update dated on the day sharing starts, as the old updates were', () => {
    expect(checkWith({ date: '2026-03-09', sharingStarts: '2026-03-09' }).status).toBe(1);
  });

  it('follows the notice period in the settings', () => {
    const careHomes = /care-home-records-now-shared\.md: sharingStarts: People must be told 35 days/;
    expect(checkWith({ date: '2026-02-09', sharingStarts: '2026-03-09' }, 35).errors).toMatch(careHomes);
    expect(checkWith({ date: '2026-02-02', sharingStarts: '2026-03-09' }, 35).errors).not.toMatch(careHomes);
  });

  it('stops an update tagged as new sharing that does not say when it starts', () => {
    const { status, errors } = checkWith({ date: '2026-02-09' });
    expect(status).toBe(1);
    expect(errors).toMatch(/care-home-records-now-shared\.md: sharingStarts: Give the date the new sharing starts/);
  });
});
