import { expect, type Page, test } from '../support/playwright-test.ts';
import { expectNoAxeViolations } from './support.ts';

/**
 * The pages for young people and for carers (issue 14): each is reached from the pages where
 * people choose, says who decides in plain words, and passes axe on a phone and a desktop.
 */
const WIDTHS = [390, 1280];

async function scanAtEachWidth(page: Page, path: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    const response = await page.goto(path);
    expect(response?.status(), `${path} at ${width} px`).toBe(200);
    // The page never scrolls sideways on a phone (WCAG 1.4.10 reflow).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} at ${width} px is wider than the window`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }
}

test('a young person goes from Your choices to their own page and reads who decides at their age', async ({ page }) => {
  await page.goto('/your-choices/');
  await page.getByRole('link', { name: 'your health notes if you are under 18' }).click();
  await expect(page).toHaveURL(/\/young-people\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your health notes if you are under 18');
  await expect(page.getByRole('main')).toContainText('13 to 15:');
  await expect(page.getByRole('link', { name: 'online form' })).toHaveAttribute('href', '/opt-out/');
  await scanAtEachWidth(page, '/young-people/');
});

test('a carer goes from the opt-out start page to what they can do, and learns being next of kin is not enough', async ({
  page,
}) => {
  await page.goto('/opt-out/');
  await page.getByRole('link', { name: 'If you look after someone or act for them: what you can do' }).click();
  await expect(page).toHaveURL(/\/carers\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('If you look after someone or act for them');
  const main = page.getByRole('main');
  await expect(main).toContainText('Being a carer or next of kin does not give you this right on its own.');
  await expect(main).toContainText('Office of the Public Guardian');
  await scanAtEachWidth(page, '/carers/');
});

test('Your choices links to the carers page too', async ({ page }) => {
  await page.goto('/your-choices/');
  await expect(page.getByRole('link', { name: 'what you can do for them' })).toHaveAttribute('href', '/carers/');
});
