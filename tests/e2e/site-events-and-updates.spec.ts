import { readFileSync } from 'node:fs';
import { expect, test } from '../support/playwright-test.ts';

test('a resident adds a public meeting to their calendar', async ({ page }) => {
  await page.goto('/events/');
  await page.getByRole('link', { name: /public meeting in Ashby/ }).click();
  await expect(page.getByText('Thursday 3 December 2026, 6:30pm to 8pm')).toBeVisible();
  await expect(page.getByText('Hearing loop in the meeting room')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Add this event to your calendar' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('ashby-public-meeting-december-2026.ics');
  const ics = readFileSync(await download.path(), 'utf8');
  expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
  expect(ics).toContain('BEGIN:VEVENT');
  // 6:30pm in December is GMT, so 18:30 UTC.
  expect(ics).toMatch(/DTSTART:20261203T183000Z/);
  expect(ics).toMatch(/END:VCALENDAR\s*$/);

  const response = await page.request.get('/events/ashby-public-meeting-december-2026.ics');
  expect(response.headers()['content-type']).toMatch(/^text\/calendar/);
});

test('a resident reads the updates feed in a feed reader', async ({ page, request }) => {
  const response = await request.get('/updates/rss.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/xml/);
  const xml = await response.text();
  await page.goto('/updates/');
  // Parse with the browser's XML parser: a stray "&" or "<" would give a parsererror document.
  const feed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      items: [...doc.querySelectorAll('item')].map((item) => ({
        title: item.querySelector('title')?.textContent ?? '',
        link: item.querySelector('link')?.textContent ?? '',
      })),
    };
  }, xml);
  expect(feed.error).toBeNull();
  expect(feed.items.length).toBeGreaterThanOrEqual(5);
  for (const item of feed.items) {
    expect(item.title).not.toBe('');
    expect(new URL(item.link).pathname).toMatch(/^\/updates\/[a-z0-9-]+\/$/);
    const page = await request.get(new URL(item.link).pathname);
    expect(page.status(), item.link).toBe(200);
  }
});

test('updates that change what the record holds are tagged "Newly shared"', async ({ page }) => {
  await page.goto('/updates/');
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'Care homes join the shared care record on 9 March' }) });
  await expect(item.getByText('Newly shared')).toBeVisible();
  await item.getByRole('link', { name: 'Care homes join the shared care record on 9 March' }).click();
  await expect(page.getByText('Newly shared')).toBeVisible();
});

test('an update with made-up facts says so, as the stories do, and one without does not', async ({ page }) => {
  await page.goto('/updates/new-easy-read-guide/');
  await expect(page.getByRole('heading', { name: /This page has made-up examples/ })).toBeVisible();
  await page.goto('/stories/');
  await expect(page.getByRole('heading', { name: /This page has made-up examples/ })).toHaveCount(0);
});
