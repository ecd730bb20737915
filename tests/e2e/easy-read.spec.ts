import { expect, type Page, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations, SCAN_WIDTHS } from './support.ts';

/**
 * Issue 17: Easy Read for the journeys, the large-print paper form, and BSL and audio versions.
 * Each page is scanned with axe at a phone's width and a desktop's, photographed at both for a
 * person to look at, and the two paper forms are printed to PDF the way a resident's browser would.
 */

const EASY_READ = [
  { path: '/easy-read/opt-out/', standard: '/opt-out/' },
  { path: '/easy-read/opt-out/paper-form/', standard: '/opt-out/paper-form/' },
  { path: '/easy-read/your-choices/', standard: '/your-choices/' },
  { path: '/easy-read/privacy/', standard: '/privacy-notice/' },
  { path: '/easy-read/complain/', standard: '/contact/' },
];

/** 1pt is 4/3 CSS px; 1 mm is 96/25.4 CSS px. */
const PT = 4 / 3;
const MM = 96 / 25.4;

async function photograph(page: Page, name: string): Promise<void> {
  for (const width of SCAN_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
}

/**
 * Chromium lays out in 1/64 px units and rounds computed sizes: 16pt computes as 21.3333px and
 * 10 mm as 37.7812px, a hair under the exact figure.
 */
const ROUNDING = 1 / 32;

/** The smallest computed value of a CSS length property over the elements a selector matches, in CSS px. */
async function smallest(page: Page, selector: string, property: 'fontSize' | 'height' | 'width'): Promise<number> {
  const values = await page
    .locator(selector)
    // Only what is drawn: the links to the other copies are not printed, so their size does not count.
    .evaluateAll(
      (elements, name) =>
        elements
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => Number.parseFloat(getComputedStyle(el)[name])),
      property,
    );
  expect(values.length, selector).toBeGreaterThan(0);
  return Math.min(...values);
}

test('a resident finds each Easy Read page from the overview, with a described picture beside each point and the standard version one link away', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/easy-read/');
  for (const { path } of EASY_READ) {
    await expect(page.locator(`main a[href="${path}"]`), path).toHaveCount(1);
  }
  await expect(page.locator('main a[href^="/easy-read/bsl-and-audio/"]')).not.toHaveCount(0);

  for (const { path, standard } of EASY_READ) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const pictures = page.locator('.easy-read img');
    expect(await pictures.count(), path).toBeGreaterThanOrEqual(4);
    const alts = await pictures.evaluateAll((images) => images.map((img) => img.getAttribute('alt') ?? ''));
    expect(
      alts.filter((alt) => alt.length < 3),
      path,
    ).toEqual([]);
    // Every picture draws, whether it came as a file or written into the page (scripts/inline-pictures.ts).
    const drawn = await pictures.evaluateAll((images) =>
      (images as HTMLImageElement[]).map((img) => img.complete && img.naturalWidth > 0),
    );
    expect(
      drawn.filter((ok) => !ok),
      path,
    ).toEqual([]);
    await expect(page.getByRole('link', { name: 'Read the standard version of this page' }), path).toHaveAttribute(
      'href',
      standard,
    );
    // Words at 14pt or more on screen (Easy Read's minimum).
    expect(await smallest(page, '.easy-read p:has(> img)', 'fontSize'), path).toBeGreaterThanOrEqual(
      14 * PT - ROUNDING,
    );
    await expectNoAxeViolations(page, SCAN_WIDTHS);
    await photograph(page, path.replace(/^\/|\/$/g, '').replace(/\//g, '-'));
  }
});

test('the standard pages link to their Easy Read versions, and the paper form to its large-print and Easy Read copies', async ({
  page,
}) => {
  for (const [standard, easyRead] of [
    ['/opt-out/', '/easy-read/opt-out/'],
    ['/your-choices/', '/easy-read/your-choices/'],
    ['/privacy-notice/', '/easy-read/privacy/'],
    ['/contact/', '/easy-read/complain/'],
    ['/opt-out/paper-form/', '/easy-read/opt-out/paper-form/'],
    ['/opt-out/paper-form/', '/opt-out/paper-form/large-print/'],
  ] as const) {
    await page.goto(standard);
    await page.locator(`main a[href="${easyRead}"]`).first().click();
    await expect(page, standard).toHaveURL(easyRead);
  }
});

test('the Easy Read paper form prints with big boxes, 16pt words and the freepost address the standard form uses', async ({
  page,
}) => {
  // The same freepost address as the standard paper form, which reads it from the site settings.
  await page.goto('/opt-out/paper-form/');
  const standardAddress = await page.locator('main address').textContent();
  expect(standardAddress).toMatch(/Freepost/);
  await page.goto('/easy-read/opt-out/paper-form/');
  expect(await page.locator('main address').textContent()).toBe(standardAddress);
  // A picture beside every question.
  const questions = page.locator('.easy-read-question');
  expect(await questions.count()).toBeGreaterThanOrEqual(8);
  expect(await page.locator('.easy-read-question > img[alt]').count()).toBe(await questions.count());

  await page.emulateMedia({ media: 'print' });
  expect(
    await smallest(page, '.easy-read p, .easy-read-question__hint, .easy-read-ticks li', 'fontSize'),
  ).toBeGreaterThanOrEqual(16 * PT - ROUNDING);
  expect(await smallest(page, '.easy-read-box--write', 'height')).toBeGreaterThanOrEqual(15 * MM - ROUNDING);
  expect(await smallest(page, '.easy-read-box--tick', 'height')).toBeGreaterThanOrEqual(10 * MM - ROUNDING);
  // The buttons under "Was this page helpful?" do nothing on paper.
  await expect(page.locator('.clearshare-page-helpful-block')).toBeHidden();
  await page.pdf({ path: test.info().outputPath('easy-read-paper-form.pdf'), format: 'A4', printBackground: true });
});

test('the large-print paper form prints at 16pt or more with boxes at least 10 mm tall, larger than the standard form', async ({
  page,
}) => {
  await page.goto('/opt-out/paper-form/');
  await page.emulateMedia({ media: 'print' });
  const standardText = await smallest(page, '.clearshare-paper-form p', 'fontSize');

  const response = await page.goto('/opt-out/paper-form/large-print/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Large print paper form: opt out of the shared care record',
  );
  const text = await smallest(page, '.clearshare-paper-form :is(p, li, address)', 'fontSize');
  expect(text).toBeGreaterThanOrEqual(16 * PT - ROUNDING);
  expect(text).toBeGreaterThan(standardText);
  expect(await smallest(page, '.clearshare-paper-line', 'height')).toBeGreaterThanOrEqual(10 * MM - ROUNDING);
  expect(await smallest(page, '.clearshare-paper-box', 'height')).toBeGreaterThanOrEqual(10 * MM - ROUNDING);
  await page.pdf({ path: test.info().outputPath('large-print-paper-form.pdf'), format: 'A4', printBackground: true });

  await page.emulateMedia({ media: 'screen' });
  await expectNoAxeViolations(page, SCAN_WIDTHS);
  await photograph(page, 'large-print-paper-form');
});

test('a resident opens an audio version: captions and a transcript on the page, nothing fetched from another company, and no recording fetched before they press play', async ({
  page,
  baseURL,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('/easy-read/');
  await page.locator('main a[href^="/easy-read/bsl-and-audio/"]').first().click();

  await expect(page.getByRole('heading', { name: 'This page has made-up examples' })).toBeVisible();
  const player = page.locator('main audio, main video');
  await expect(player).toHaveAttribute('preload', 'none');
  await expect(player).toHaveAttribute('controls', '');
  const track = player.locator('track[kind="captions"]');
  await expect(track).toHaveAttribute('srclang', 'en');
  const captions = await track.getAttribute('src');
  expect(captions).toMatch(/^\/media\/.+\.vtt$/);
  const vtt = await page.request.get(captions ?? '');
  expect(vtt.status()).toBe(200);
  expect(await vtt.text()).toMatch(/^WEBVTT/);
  const source = await player.locator('source').getAttribute('src');
  expect(source).toMatch(/^\/media\//);
  expect((await page.request.get(source ?? '')).status()).toBe(200);

  await expect(page.getByRole('heading', { name: 'Everything said in the video or recording' })).toBeVisible();
  await expect(page.locator('.media-transcript')).toContainText('two short tones');

  const origin = new URL(baseURL ?? '').origin;
  expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(requested.filter((url) => url.endsWith(source ?? '-'))).toEqual([]);
  await expectNoAxeViolations(page, SCAN_WIDTHS);
  await photograph(page, 'audio-version');
});
