import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypes } from '../../src/admin/collections.ts';
import { readContentFiles } from '../../src/admin/content-files.ts';
import { runLaunchCheck } from '../../src/admin/launch-check/index.ts';
import { launchItemKinds } from '../../src/admin/launch-check/kinds.ts';
import { dramaNumbers, exampleAddresses } from '../../src/admin/launch-check/placeholders.ts';
import { sourceHash } from '../../src/domain/source-hash.ts';

/**
 * The launch check (issue 14): a comms team replacing the example content runs
 * `npm run launch-check` and is told everything left; it fails until nothing is. A production
 * build refuses made-up content unless ALLOW_EXAMPLE_CONTENT=1. The "launch-ready" content is the
 * shipped content with every placeholder replaced, generated here so it can never drift from it.
 */

const root = join(import.meta.dirname, '..', '..');
const temp = mkdtempSync(join(tmpdir(), 'clearshare-launch-ready-'));
const ready = join(temp, 'content');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** What a comms team would do: real addresses and numbers, flags off, a DPIA link, legal sign-off. */
function replaceEverything(file: string) {
  let text = readFileSync(file, 'utf8')
    .replace(/^\s*example: true\n/gm, '')
    .replace(/\.example\b/g, '.nhs.uk')
    .replaceAll('Meridian Care Records', 'Northgate Health Systems')
    // A professional translator has checked each translation.
    .replace(/^(\s*status:) needs-review$/m, '$1 signed-off');
  for (const number of dramaNumbers(text)) text = text.replaceAll(number, '0300 123 4567');
  if (file.endsWith('.md'))
    text = text.replace(/^---\n/, '---\nlegalReview:\n  by: Information Governance Lead\n  date: 2026-12-01\n');
  if (file.endsWith('settings/site.yaml')) {
    text = `${text.replace(/^governanceDocuments:.*\n/m, '')}governanceDocuments:
  dpiaUrl: https://www.ashbywyre.nhs.uk/dpia.pdf
  jointControllerAgreementUrl: https://www.ashbywyre.nhs.uk/joint-controller-agreement.pdf
`;
  }
  writeFileSync(file, text);
}

/** Each translation brought up to date with its English page, as replaced: the new fingerprint copied in. */
function updateTranslations() {
  const pages = contentTypes.find((type) => type.name === 'pages');
  if (!pages) throw new Error('no pages content type');
  for (const page of readContentFiles(pages, root, ready).files) {
    const data = new Map(Object.entries(page.data ?? {}));
    const hash = sourceHash({
      title: String(data.get('title')),
      description: String(data.get('description')),
      body: page.body,
    });
    for (const lang of ['pl', 'ur']) {
      const file = join(ready, 'translations', lang, `${page.slug}.md`);
      if (!existsSync(file)) continue;
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^sourceHash: \w+$/m, `sourceHash: ${hash}`));
    }
  }
}

beforeAll(() => {
  cpSync(join(root, 'content'), ready, { recursive: true });
  for (const name of readdirSync(ready, { recursive: true, encoding: 'utf8' })) {
    if (/\.(md|ya?ml)$/.test(name)) replaceEverything(join(ready, name));
  }
  updateTranslations();
});

function run(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', NETLIFY: '', ALLOW_EXAMPLE_CONTENT: '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('npm run launch-check', () => {
  it('fails on the shipped example content, listing each kind of thing to replace', () => {
    const { status, output } = run('scripts/launch-check.ts', {});
    expect(status).toBe(1);
    for (const heading of [
      'Entries marked as example',
      'Addresses that reach nobody (.example)',
      'Made-up phone numbers (Ofcom drama numbers)',
      'A made-up company that handles data',
      'Data controllers without real contact details',
      'Governance documents not linked yet',
      'Entries without a legal review',
    ]) {
      expect(output).toContain(heading);
    }
    expect(output).toMatch(/content\/updates\/new-easy-read-guide\.md: marked as example/);
    expect(output).toMatch(/content\/settings\/site\.yaml: 0113 496 0100/);
    expect(output).toContain('governanceDocuments.dpiaUrl: No link to the published DPIA is set');
  });

  it('passes once everything is replaced', () => {
    const { status, output } = run('scripts/launch-check.ts', { CONTENT_DIR: ready });
    expect(output).toContain('Nothing is left to do. The site is ready to go live.');
    expect(status).toBe(0);
  });

  it('lists pages past their review date', () => {
    const report = runLaunchCheck(root, ready, new Date('2031-01-01T12:00:00Z'));
    expect(report.checkedOn).toBe('2031-01-01');
    expect(report.items.every((item) => item.kind === 'review-overdue')).toBe(true);
    expect(report.items.map((item) => item.file)).toContainEqual(expect.stringMatching(/pages\/privacy-notice\.md$/));
  });

  it('knows every kind it can report', () => {
    const kinds = new Set(runLaunchCheck(root).items.map((item) => item.kind));
    for (const kind of kinds) expect(launchItemKinds).toContain(kind);
  });
});

describe('a production build and example content', () => {
  it('refuses made-up content with NODE_ENV=production, or on Netlify', () => {
    const production = run('scripts/validate-content.ts', { NODE_ENV: 'production' });
    expect(production.status).toBe(1);
    expect(production.output).toContain('This is a production build, and the content above is made up');
    expect(run('scripts/validate-content.ts', { NETLIFY: 'true' }).status).toBe(1);
  });

  it('builds it when ALLOW_EXAMPLE_CONTENT=1 says it is a demonstration', () => {
    expect(run('scripts/validate-content.ts', { NODE_ENV: 'production', ALLOW_EXAMPLE_CONTENT: '1' }).status).toBe(0);
  });

  it('builds replaced content in production without the setting', () => {
    expect(run('scripts/validate-content.ts', { NODE_ENV: 'production', CONTENT_DIR: ready }).status).toBe(0);
  });
});

describe('placeholders', () => {
  it('finds Ofcom drama numbers however they are spaced, and leaves real numbers alone', () => {
    expect(dramaNumbers('Call 01632 960 001, 0113 496 0100, 020 7946 0123 or 07700 900982.')).toEqual([
      '01632 960 001',
      '0113 496 0100',
      '020 7946 0123',
      '07700 900982',
    ]);
    // The national data opt-out line and the ICO's helpline are real.
    expect(dramaNumbers('Call 0300 303 5678 or 0303 123 1113.')).toEqual([]);
  });

  it('finds .example addresses, and not example.com in a hint', () => {
    expect(exampleAddresses('Email hello@ashbywyre-record.example or see www.kelhamhospice.example')).toEqual([
      'hello@ashbywyre-record.example',
      'www.kelhamhospice.example',
    ]);
    expect(exampleAddresses('like name@example.com')).toEqual([]);
  });
});
