import { expect, type Page, test } from '../support/playwright-test.ts';
import { fillForm, jsEnabled, openForm, sendFromCheckPage } from './opt-out-support.ts';
import { sitemapPaths } from './support.ts';

/**
 * What search engines may list (issue 20). Our figures at /transparency/ are public and meant to be
 * found, though a function renders them. Every other function page shows one resident's own
 * answers, reference or status, or is the staff back office, and carries `noindex`: crawlers cannot
 * reach them (they are the answers to posts, or behind a sign-in), and `noindex` is the second guard.
 */
const robotsMeta = (page: Page) => page.locator('head meta[name="robots"]');

async function expectUnlisted(page: Page, what: string): Promise<void> {
  await expect(robotsMeta(page), what).toHaveAttribute('content', 'noindex');
  await expect(page.locator('head link[rel="canonical"]'), what).toHaveCount(0);
}

test('our figures can be found: allowed by robots.txt, in the sitemap, with their own address and description', async ({
  page,
}) => {
  const robots = await (await page.request.get('/robots.txt')).text();
  const disallowed = [...robots.matchAll(/^Disallow:\s*(\S+)/gm)].map((match) => match[1] ?? '');
  expect(disallowed.length).toBeGreaterThan(0);
  for (const rule of disallowed) expect('/transparency/'.startsWith(rule), rule).toBe(false);

  const listed = await sitemapPaths(page);
  expect(listed).toContain('/transparency/');
  expect(listed.filter((path) => /^\/(api|staff|admin|form-shell|__)/.test(path))).toEqual([]);

  // The site's address as the static pages give it (the build's SITE_URL).
  await page.goto('/');
  const home = (await page.locator('head link[rel="canonical"]').getAttribute('href')) ?? '';
  await page.goto('/transparency/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Our figures');
  await expect(robotsMeta(page)).toHaveCount(0);
  await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute(
    'href',
    new URL('/transparency/', home).href,
  );
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute(
    'content',
    /^Figures for the .+ opted out/,
  );
  await expect(page.locator('head meta[property="og:url"]')).toHaveAttribute(
    'content',
    new URL('/transparency/', home).href,
  );
});

test("a resident's own pages stay out of search engines: errors, check your answers, confirmation, status", async ({
  page,
}) => {
  test.skip(jsEnabled(), 'Without JavaScript each of these is a page a function renders');
  await openForm(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
  await expectUnlisted(page, 'the form with errors');

  await openForm(page);
  await fillForm(page, {
    who: 'self',
    fullName: 'Robin Unlisted',
    dob: { day: '3', month: '4', year: '1971' },
    nhsNumber: '943 476 5919',
    postcode: 'AW1 2BT',
    phone: '020 7946 0123',
  });
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectUnlisted(page, 'check your answers');
  const reference = await sendFromCheckPage(page, [390]);
  await expectUnlisted(page, 'the confirmation');

  await openForm(page, '/opt-out/status/');
  await page.locator('#reference').fill(reference);
  await page.locator('#dateOfBirth').fill('3');
  await page.locator('#dateOfBirth-month').fill('4');
  await page.locator('#dateOfBirth-year').fill('1971');
  await page.getByRole('button', { name: 'Check status' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Opt-out request ${reference}`);
  await expectUnlisted(page, 'the status result');
});

test('staff pages stay out of search engines, and the sign-in page says what it is', async ({ page }) => {
  await page.goto('/staff/sign-in');
  await expectUnlisted(page, 'staff sign-in');
  await expect(page.locator('head meta[name="description"]')).toHaveAttribute('content', /For staff only/);

  // Sent empty, so no sign-in attempt is counted against this address or this machine.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
  await expectUnlisted(page, 'staff sign-in with errors');

  const robots = await (await page.request.get('/robots.txt')).text();
  expect(robots).toMatch(/^Disallow: \/staff\/$/m);
});
