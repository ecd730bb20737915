import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parse } from 'yaml';
import { renderToolkitPdfs } from '../../scripts/toolkit-pdf.ts';
import { TOOLKIT_ITEMS, type ToolkitVersion, toolkitPath } from '../../src/components/toolkit/items.ts';
import { easyReadPoints, fillText } from '../../src/components/toolkit/toolkit-text.ts';
import { expect, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * Issue 18 part 3: the partner toolkit. A practice manager finds each item in each version, every
 * kind passes axe on a phone and a desktop, no page needs JavaScript, and the comms team's PDFs
 * carry the words of the content on the right paper.
 */

/** One of each kind of item, spread over the three versions. */
const ONE_OF_EACH: [string, ToolkitVersion][] = [
  ['poster', 'standard'],
  ['leaflet', 'large-print'],
  ['letter', 'easy-read'],
  ['desk-script', 'standard'],
  ['text-message', 'large-print'],
  ['social-posts', 'easy-read'],
  ['newsletter', 'standard'],
  ['qr-code', 'easy-read'],
];

const AXE_WIDTHS = [390, 1280] as const;

test('a practice manager finds every toolkit item in every version from /toolkit/', async ({ page }) => {
  await page.goto('/toolkit/');
  await expect(page.getByRole('heading', { level: 1, name: 'Partner toolkit' })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code that opens https?:\/\// })).toBeVisible();
  await expect(page.getByText(/^Made from the website's content on \d{1,2} \w+ \d{4} at/)).toBeVisible();
  for (const item of TOOLKIT_ITEMS) {
    for (const version of ['standard', 'large-print', 'easy-read'] as const) {
      await expect(page.locator(`a[href="${toolkitPath(item.id, version)}"]`)).toHaveCount(1);
    }
  }
  expect(await page.locator('script').count()).toBe(0);
  await expectNoAxeViolations(page, AXE_WIDTHS);
});

for (const [item, version] of ONE_OF_EACH) {
  test(`the ${item} (${version}) is a print-ready page with no script that passes axe`, async ({ page }) => {
    const response = await page.goto(toolkitPath(item, version));
    expect(response?.status()).toBe(200);
    await expect(page.locator('article.toolkit-sheet')).toBeVisible();
    await expect(page.getByText(/^Made from the website's content on/)).toBeVisible();
    expect(await page.locator('script').count()).toBe(0);
    await expectNoAxeViolations(page, AXE_WIDTHS);
  });
}

test('every Easy Read item gives the phone number once, however its points are chosen', async ({ page }) => {
  const { contact } = parse(readFileSync('content/settings/site.yaml', 'utf8'));
  for (const item of TOOLKIT_ITEMS.filter(({ id }) => id !== 'qr-code' && id !== 'text-message')) {
    await page.goto(toolkitPath(item.id, 'easy-read'));
    const times = ((await page.locator('article.toolkit-sheet').textContent()) ?? '').split(contact.phone).length - 1;
    expect(times, `${item.id}: times the sheet gives ${contact.phone}`).toBeLessThanOrEqual(1);
  }
});

test('on a phone, every Easy Read point keeps its words beside its picture, not under it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(toolkitPath('leaflet', 'easy-read'));
  const points = page.locator('.toolkit-point');
  expect(await points.count()).toBeGreaterThan(3);
  for (const point of await points.all()) {
    const picture = await point.locator('img').boundingBox();
    const words = await point.locator('span').boundingBox();
    if (!picture || !words) throw new Error('a point without its picture or words');
    // Every line of the words starts right of the picture, however many lines they take.
    expect(words.x, (await point.textContent()) ?? '').toBeGreaterThanOrEqual(picture.x + picture.width);
  }
});

/** What the content says, filled in as the build fills it: the PDFs must carry these words. */
function expectedWords() {
  const settings = parse(readFileSync('content/settings/site.yaml', 'utf8'));
  const toolkit = parse(readFileSync('content/toolkit/toolkit.yaml', 'utf8'));
  const description = (file: string) => /^description: (.+)$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  const site = /process\.env\.SITE_URL \?\? '([^']+)'/.exec(readFileSync('astro.config.mjs', 'utf8'))?.[1];
  const link = new URL('/', process.env['SITE_URL'] ?? site).href;
  const fill = (text: string) =>
    fillText(text, { scheme: settings.schemeName, area: settings.area, link, phone: settings.contact.phone });
  const easyRead = easyReadPoints(
    readFileSync(`content/easy-read/${toolkit.easyReadPage}.md`, 'utf8'),
    toolkit.easyReadSections,
  );
  return {
    scheme: settings.schemeName as string,
    whatItIs: description('content/pages/what-is-the-shared-care-record.md'),
    posterAction: fill(toolkit.posterAction),
    letter: fill(toolkit.letter[1]),
    answer: fill(toolkit.script[0].answer),
    textMessage: fill(toolkit.textMessage),
    post: fill(toolkit.socialPosts[0]),
    newsletter: fill(toolkit.newsletter),
    easyRead: easyRead[0]?.text ?? '',
    link,
  };
}

/** Words that must be in each standard item's PDF, and in the Easy Read one. */
function wordsFor(item: string, version: ToolkitVersion, words: ReturnType<typeof expectedWords>): string[] {
  if (version === 'easy-read' && !['text-message', 'social-posts', 'qr-code'].includes(item)) return [words.easyRead];
  const byItem: Record<string, string[]> = {
    poster: [words.scheme, words.whatItIs, words.posterAction],
    leaflet: [words.scheme, words.whatItIs, words.posterAction],
    letter: [words.letter],
    'desk-script': [words.answer],
    'text-message': [words.textMessage],
    'social-posts': [words.post],
    newsletter: [words.newsletter],
    'qr-code': [words.link],
  };
  return byItem[item] ?? [];
}

/** A4 and A5 in PDF points (1/72 inch), as Chromium writes them. */
const PAPER = { A4: [595.28, 841.89], A5: [419.53, 595.28] } as const;

test('the comms team generates the toolkit PDFs and they carry the content’s words on the right paper', async () => {
  test.setTimeout(180_000);
  const javaScript = test.info().project.use.javaScriptEnabled !== false;
  const made = await renderToolkitPdfs('dist', test.info().outputPath('pdf'), javaScript);
  expect(made).toHaveLength(TOOLKIT_ITEMS.length * 3);
  const words = expectedWords();
  for (const pdf of made) {
    const item = TOOLKIT_ITEMS.find((i) => i.id === pdf.item);
    if (!item) throw new Error(`No toolkit item ${pdf.item}`);
    const task = getDocument({ data: new Uint8Array(readFileSync(pdf.file)) });
    const doc = await task.promise;
    const paper = pdf.version === 'standard' ? item.paper : 'A4';
    const text: string[] = [];
    for (let number = 1; number <= doc.numPages; number += 1) {
      const page = await doc.getPage(number);
      const [, , width, height] = page.view;
      expect(
        [width, height].map((n) => Math.round(n ?? 0)),
        `${pdf.file} page ${number}`,
      ).toEqual(PAPER[paper].map(Math.round));
      const content = await page.getTextContent();
      text.push(content.items.map((part) => ('str' in part ? part.str : '')).join(' '));
    }
    // A poster is one sheet and a leaflet two sides: a page more means something spilled over.
    if (pdf.version === 'standard') expect(doc.numPages, pdf.file).toBe(item.pages);
    // Compared without white space: Chromium writes "ff" and "fi" as ligatures, which pdfjs reads
    // as separate runs ("sta ff"), and a line may break inside an address; the words and their
    // order are what must match.
    const flat = text.join('').replace(/\s+/g, '');
    for (const expected of wordsFor(pdf.item, pdf.version, words)) {
      expect(flat, `${pdf.file} should say: ${expected}`).toContain(expected.replace(/\s+/g, ''));
    }
    expect(flat, pdf.file).toContain("Madefromthewebsite'scontenton");
    await task.destroy();
  }
});
