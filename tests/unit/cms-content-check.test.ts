import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The check that runs before `astro build` (scripts/validate-content.ts): a comms officer who
 * breaks an entry gets one line per problem naming the file, the field and what to fix, and the
 * build stops. It runs on a throwaway copy of content/, never the real one.
 */

const root = join(import.meta.dirname, '..', '..');
const copy = mkdtempSync(join(tmpdir(), 'clearshare-content-check-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function check(contentDir: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate-content.ts'], {
    cwd: root,
    env: { ...process.env, CONTENT_DIR: contentDir },
    encoding: 'utf8',
  });
  return { status: run.status, lines: run.stderr.split('\n').filter((line) => line.includes(': ')) };
}

function edit(file: string, change: (text: string) => string) {
  const path = join(copy, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('the content check before a build', () => {
  it('passes the content as it is', () => {
    expect(check(join(root, 'content')).status).toBe(0);
  });

  it('stops on broken entries, naming the file, the field and the fix for each', () => {
    cpSync(join(root, 'content'), join(copy, 'content'), { recursive: true });
    edit('content/faqs/can-i-change-my-mind.md', (t) => t.replace('later?"', 'later"'));
    edit('content/organisations/kelham-hospice.yaml', (t) => t.replace(/^joined: .*$/m, 'joined: 5 May 2024'));
    edit('content/responses/clearer-opt-out-letters.md', (t) => t.replace(/^nextReviewDue: .*\n/m, ''));
    appendFileSync(join(copy, 'content/updates/new-easy-read-guide.md'), '\n![](/media/guide-cover.png)\n');

    const { status, lines } = check(join(copy, 'content'));
    const file = (path: string) => expect.stringMatching(new RegExp(`content/${path}`));
    expect(status).toBe(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        file('faqs/can-i-change-my-mind.md: question: End the question with a question mark$'),
        file('organisations/kelham-hospice.yaml: joined: Write the date as YYYY-MM-DD, like 2026-11-22$'),
        file('responses/clearer-opt-out-letters.md: nextReviewDue: Add this: it is required$'),
        file('updates/new-easy-read-guide.md: body: Describe the image /media/guide-cover.png in its alt text'),
      ]),
    );
    expect(lines).toHaveLength(4);
  });

  it('stops on raw HTML in Markdown, naming the file and line, so no script reaches a page through content', () => {
    const html = mkdtempSync(join(tmpdir(), 'clearshare-content-html-'));
    try {
      cpSync(join(root, 'content'), join(html, 'content'), { recursive: true });
      const faq = join(html, 'content/faqs/can-i-change-my-mind.md');
      const text = readFileSync(faq, 'utf8');
      const line = text.split('\n').length + 1; // the appended paragraph starts after a blank line
      writeFileSync(
        faq,
        `${text}\n<script>fetch('/staff/')</script>\n\nSee <b>this</b>, and 1 < 2 is fine, as is \`<code>\`.\n`,
      );

      const { status, lines } = check(join(html, 'content'));
      expect(status).toBe(1);
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `content/faqs/can-i-change-my-mind\\.md: line ${line}: Take out the HTML <script>: write it in Markdown`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`content/faqs/can-i-change-my-mind\\.md: line ${line + 2}: Take out the HTML <b>`),
        ),
      ]);
    } finally {
      rmSync(html, { recursive: true, force: true });
    }
  });
});
