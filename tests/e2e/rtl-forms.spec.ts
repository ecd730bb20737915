import { PNG } from 'pngjs';
import { expect, type Locator, type Page, test } from '../support/playwright-test.ts';

/**
 * On an Urdu form (right to left) every radio ring and tick box is drawn where its input is, at
 * the right of its label, and the error bar runs down the side a line starts on (src/styles/
 * rtl.scss). The same checks on the English form show the test reads a drawn control correctly.
 * Before the right-to-left rules, NHS.UK frontend drew the rings at the left while the inputs a
 * tap reaches sat at the right, and the rings ran into the ends of long labels.
 */

/** NHS.UK frontend's input border colour, the ring and the box's edge. */
const BORDER = [0x4c, 0x62, 0x72];

/** How many of the pixels over `control`'s input are the ring or box's border colour. */
async function borderPixelsOver(page: Page, control: Locator): Promise<number> {
  const box = await control.boundingBox();
  if (!box) throw new Error('The input has no box');
  const png = PNG.sync.read(await page.screenshot({ clip: box }));
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const near = BORDER.every((value, channel) => Math.abs((png.data[i + channel] ?? 0) - value) <= 24);
    if (near) count += 1;
  }
  return count;
}

for (const { path, dir, start } of [
  { path: '/ur/opt-out/form/', dir: 'rtl', start: 'right' },
  { path: '/opt-out/form/', dir: 'ltr', start: 'left' },
] as const) {
  test(`${path}: every radio and tick box is drawn over its input, at the ${start} of its label, and the error bar is on the ${start}`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('dir', dir);
    // Sent empty: the error state, with its bar.
    await page.locator('main form button[type="submit"], main form .nhsuk-button').first().click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();

    const controls = page.locator('.nhsuk-radios__input, .nhsuk-checkboxes__input');
    expect(await controls.count()).toBeGreaterThanOrEqual(4);
    for (const control of await controls.all()) {
      await control.scrollIntoViewIfNeeded();
      const id = await control.getAttribute('id');
      // A 40 px ring or box with its 2 px edge colours 200 or more of the pixels over the 44 px input;
      // none when it is drawn elsewhere.
      expect(await borderPixelsOver(page, control), `${id} drawn over its input`).toBeGreaterThan(100);
      const input = await control.boundingBox();
      const label = await page.locator(`label[for="${id}"]`).boundingBox();
      if (!input || !label) throw new Error(`${id} has no box`);
      if (start === 'right') expect(input.x, `${id} at the right of its label`).toBeGreaterThan(label.x);
      else expect(input.x, `${id} at the left of its label`).toBeLessThan(label.x);
    }

    const bar = await page
      .locator('.nhsuk-form-group--error')
      .first()
      .evaluate((group) => {
        const style = getComputedStyle(group);
        return { left: style.borderLeftWidth, right: style.borderRightWidth };
      });
    expect(bar).toEqual(start === 'right' ? { left: '0px', right: '4px' } : { left: '4px', right: '0px' });
  });
}
