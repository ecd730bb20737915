import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/playwright-test.ts';

/** The organisation files the comms team keeps: the open data must list every one. */
const organisationFiles = readdirSync(join(import.meta.dirname, '..', '..', 'content', 'organisations')).filter((f) =>
  f.endsWith('.yaml'),
);

test('a resident filters the organisations by type, with plain links', async ({ page }) => {
  await page.goto('/organisations/');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(organisationFiles.length + 1);
  await page.getByRole('link', { name: 'Hospices (2)' }).click();
  await expect(page).toHaveURL('/organisations/hospice/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who takes part: Hospices');
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('link', { name: 'Hospices (2)' })).toHaveAttribute('aria-current', 'page');
});

test('the open data in JSON lists every organisation with the date it joined', async ({ request }) => {
  const response = await request.get('/organisations.json');
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const data = await response.json();
  expect(data.organisations).toHaveLength(organisationFiles.length);
  for (const organisation of data.organisations) {
    expect(organisation.name).toEqual(expect.any(String));
    expect(organisation.joined).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(organisation.example).toEqual(expect.any(Boolean));
  }
});

test('the open data in CSV lists every organisation with the date it joined', async ({ request }) => {
  const response = await request.get('/organisations.csv');
  expect(response.headers()['content-type']).toMatch(/^text\/csv/);
  const lines = (await response.text()).trim().split(/\r\n/);
  expect(lines[0]).toBe('name,type,ods_code,town,joined,website,example');
  expect(lines).toHaveLength(organisationFiles.length + 1);
  for (const line of lines.slice(1)) expect(line).toMatch(/,\d{4}-\d{2}-\d{2},[^,]*,(true|false)$/);
});

test('a resident is told once, above the table, that the organisations listed are made up', async ({ page }) => {
  await page.goto('/organisations/');
  const notice = page.getByRole('heading', { name: /This list has made-up examples/ });
  await expect(notice).toHaveCount(1);
  await expect(page.getByText('The organisations on this list are made up')).toBeVisible();
  // Every shipped organisation is an example, so no row carries a tag of its own.
  await expect(page.getByRole('table').getByText('Example', { exact: true })).toHaveCount(0);
  const noticeBox = await notice.boundingBox();
  const tableBox = await page.getByRole('table').boundingBox();
  expect(noticeBox?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(tableBox?.y ?? 0);
  await page.goto('/organisations/care-home/');
  await expect(page.getByRole('heading', { name: /This list has made-up examples/ })).toHaveCount(1);
});
