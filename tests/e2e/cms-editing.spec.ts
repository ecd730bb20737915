import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentTypes } from '../../src/admin/collections.ts';
import {
  createScratchRepo,
  type LocalBackend,
  type ScratchRepo,
  startLocalBackend,
} from '../../src/admin/local-backend.ts';
import { describeProblem, validateContent } from '../../src/admin/validate-content.ts';
import { expect, type Page, test } from '../support/playwright-test.ts';

/**
 * A comms officer writes a question and an update in the CMS, sends them through the editorial
 * workflow and publishes them. decap-server runs against a scratch git repository holding a copy
 * of content/, never the real folder; the browser's calls to the local backend's usual address
 * (localhost:8081) are passed to it, so a CMS a developer has open on 8081 is left alone.
 */

const root = join(import.meta.dirname, '..', '..');
const typesNamed = (...names: string[]) => contentTypes.filter((t) => names.includes(t.name));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port')),
      );
    });
  });
}

async function logIn(page: Page, backend: LocalBackend): Promise<void> {
  await page.route('http://localhost:8081/api/v1', async (route) => {
    try {
      await route.fulfill({ response: await route.fetch({ url: backend.url }) });
    } catch {
      await route.abort().catch(() => undefined); // the backend is stopping at the end of the test
    }
  });
  page.on('dialog', (dialog) => dialog.accept()); // "Are you sure you want to publish this entry?"
  await page.goto('/admin/');
  await page.getByRole('button', { name: 'Login' }).click();
  await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
}

/** Opens a new entry's form in a fresh page load: a hash change alone would reuse the last editor. */
async function openNewEntry(page: Page, collection: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/admin/#/collections/${collection}/new`);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
}

async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  await select.fill(option);
  await select.press('Enter');
}

async function writeBody(page: Page, text: string): Promise<void> {
  await page.locator('[contenteditable="true"]').click();
  await page.keyboard.type(text);
}

/** Save, mark ready, publish: the editorial workflow from draft to the main branch. */
async function saveAndPublish(page: Page, slug: string): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/entries/${slug}$`));
  await page.getByRole('button', { name: /^Status:/ }).click();
  await page.getByRole('menuitem', { name: 'Ready' }).click();
  await expect(page.getByRole('button', { name: 'Status: Ready' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByRole('button', { name: 'Published', exact: true })).toBeVisible();
}

test.describe('editing content in the CMS', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'Decap CMS is a JavaScript application');
  let repo: ScratchRepo;
  let backend: LocalBackend;

  test.beforeEach(async () => {
    repo = createScratchRepo(root);
    backend = await startLocalBackend({ repoDir: repo.dir, port: await freePort() });
  });

  test.afterEach(async ({ page }) => {
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await backend?.stop();
    repo?.remove();
  });

  test('an officer writes a question and an update, has them reviewed and publishes them', async ({ page }) => {
    test.setTimeout(240_000);
    await logIn(page, backend);

    await openNewEntry(page, 'faqs');
    await page.getByLabel('Question', { exact: true }).fill('Can I ask for a copy of my record?');
    await chooseOption(page, 'Group', 'your-choices');
    await page.getByLabel('Page last reviewed').fill('2026-11-22');
    await page.getByLabel('Next review due').fill('2027-11-22');
    await writeBody(page, 'Yes. Call us and we will send you a copy.');
    // The preview is the site's own page, with the reading-age check above it.
    const preview = page.frameLocator('iframe');
    await expect(preview.getByRole('heading', { name: 'Can I ask for a copy of my record?' })).toBeVisible();
    await expect(preview.getByText(/Reading age [\d.]+\. The target is 11 or under\./)).toBeVisible();
    // Both of the site's stylesheets, forms first as the form pages link them (a consultation's
    // preview shows its answer form).
    await expect(preview.locator('link[rel="stylesheet"]')).toHaveCount(2);
    const sheets = await preview
      .locator('link[rel="stylesheet"]')
      .evaluateAll((links) =>
        links.map((link) => new URL((link as HTMLLinkElement).href).pathname.replace(/^.*\/|\..*$/g, '')),
      );
    expect(sheets).toEqual(['forms', 'site']);
    await saveAndPublish(page, 'can-i-ask-for-a-copy-of-my-record');

    await openNewEntry(page, 'updates');
    await page.getByLabel('Headline', { exact: true }).fill('Pharmacies join the shared care record');
    await page
      .getByLabel('Summary', { exact: true })
      .fill('From January 2027, local pharmacies can see your medicines and allergies.');
    await page.getByLabel('Published', { exact: true }).fill('2026-11-23');
    await chooseOption(page, 'Tags (optional)', 'new-organisation');
    // New sharing needs its start date, at least the notice period (28 days) after publication.
    await page.getByLabel('Sharing starts on (optional)', { exact: true }).fill('2027-01-04');
    await writeBody(page, 'Pharmacists can now see the medicines your GP has given you.');
    await saveAndPublish(page, 'pharmacies-join-the-shared-care-record');

    // The files are on the main branch of the scratch repository, as the CMS wrote them.
    const faq = join(repo.dir, 'content/faqs/can-i-ask-for-a-copy-of-my-record.md');
    const update = join(repo.dir, 'content/updates/pharmacies-join-the-shared-care-record.md');
    expect(readFileSync(faq, 'utf8')).toContain('question: Can I ask for a copy of my record?\n');
    expect(readFileSync(update, 'utf8')).toMatch(/^date: 2026-11-23$/m);
    expect(readFileSync(update, 'utf8')).toMatch(/^sharingStarts: 2027-01-04$/m);
    expect(validateContent(repo.dir, 'content', typesNamed('faqs', 'updates')).map(describeProblem)).toEqual([]);
    expect(existsSync(join(root, 'content/faqs/can-i-ask-for-a-copy-of-my-record.md'))).toBe(false);

    // A fresh build of the site from that content has both pages.
    const out = mkdtempSync(join(tmpdir(), 'clearshare-cms-build-'));
    try {
      const build = spawnSync(
        process.execPath,
        [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', out],
        {
          cwd: root,
          env: { ...process.env, CONTENT_DIR: join(repo.dir, 'content') },
          encoding: 'utf8',
        },
      );
      expect(build.status, build.stderr).toBe(0);
      expect(readFileSync(join(out, 'faqs/index.html'), 'utf8')).toContain('Can I ask for a copy of my record?');
      expect(readFileSync(join(out, 'updates/pharmacies-join-the-shared-care-record/index.html'), 'utf8')).toContain(
        'Pharmacies join the shared care record',
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
