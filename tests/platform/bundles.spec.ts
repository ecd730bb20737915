import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundledFunction } from '../../scripts/bundle-functions.ts';
import { expect, test } from '../support/playwright-test.ts';
import { deploymentKeys, platformEnv, startBundle, stopBundle } from './platform.ts';
import { platformState } from './state.ts';

/**
 * The bundles themselves, as Netlify's bundler wrote them for this run (tests/platform/global-setup.ts):
 * what is in them, and what happens when a file a function needs is missing. Run once, in the
 * "direct" project.
 */
test.beforeEach(() => {
  test.skip(test.info().project.name !== 'direct', 'checks the bundles once');
});

const bundlesDir = () => platformState().deployments['direct']?.bundlesDir ?? '';
const bundleNames = () => readdirSync(bundlesDir()).filter((name) => !name.includes('.'));

/** One bundle as written for this run, started as the platform starts it, on the direct database. */
function startNamedBundle(name: string) {
  const bundle: BundledFunction = {
    name,
    path: join(bundlesDir(), name),
    entryFilename: '___netlify-entry-point.mjs',
    routes: [],
    schedule: undefined,
    size: undefined,
  };
  return startBundle({
    bundle,
    env: platformEnv({
      name,
      bundleDir: bundle.path,
      databaseUrl: platformState().deployments['direct']?.databaseUrl ?? '',
      smtpUrl: 'smtp://127.0.0.1:1',
      publicUrl: 'http://127.0.0.1:1',
      keys: deploymentKeys(),
    }),
  });
}

test('no bundle carries the embedded database, the CMS or the build tools', () => {
  const names = bundleNames();
  expect(names).toHaveLength(13);
  for (const name of names) {
    const modules = join(bundlesDir(), name, 'node_modules');
    const present = existsSync(modules) ? readdirSync(modules) : [];
    const scoped = present
      .filter((entry) => entry.startsWith('@'))
      .flatMap((scope) => readdirSync(join(modules, scope)).map((p) => `${scope}/${p}`));
    const all = [...present, ...scoped];
    expect(
      all.filter((p) => /^(@electric-sql\/|decap-|astro$|tsx$|@astrojs\/|playwright|vitest)/.test(p)),
      name,
    ).toEqual([]);
    // Nothing from the local data folder: a developer's keys, database or test emails.
    expect(existsSync(join(bundlesDir(), name, 'data')), `${name}: data/`).toBe(false);
    // What the functions read at run time is in each bundle, at the path the code looks for it.
    for (const file of [
      'content/settings/site.yaml',
      // The consultations' questions, which the resident-submission function checks answers against.
      'content/consultations',
      // Their translations, for the no-JavaScript error page in Polish or Urdu.
      'content/translations/consultations',
      'dist/form-shell/index.html',
      // The Polish and Urdu shells: those forms' answers and the translated results pages.
      'dist/pl/form-shell/index.html',
      'dist/ur/form-shell/index.html',
      'dist/staff-shell/index.html',
      // The published updates the outbox function emails to subscribers (src/server/subscriptions/feed.ts).
      'dist/updates/email-feed.json',
    ]) {
      expect(existsSync(join(bundlesDir(), name, file)), `${name}: ${file}`).toBe(true);
    }
  }
});

test('the functions that check phone numbers carry the numbering plan, loaded on the first number', async () => {
  // libphonenumber-js is left out of each function's module (scripts/prebundle-functions.ts) so a
  // cold start does not compile it; Netlify's bundler must then copy it in, or a form with a phone
  // number would fail.
  for (const name of ['opt-out', 'opt-out-submit', 'feedback']) {
    expect(existsSync(join(bundlesDir(), name, 'node_modules', 'libphonenumber-js', 'package.json')), name).toBe(true);
  }
  const running = await startNamedBundle('opt-out');
  try {
    // 07700 900982 is in Ofcom's drama range: the browser's light check passes it, the plan does not.
    const response = await fetch(`${running.origin}/api/opt-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nf-client-connection-ip': '192.0.2.77' },
      body: JSON.stringify({
        who: 'self',
        fullName: 'Phone Check',
        dateOfBirth: '1980-01-01',
        nhsNumber: '485 777 3457',
        postcode: 'AW1 2BT',
        phone: '07700 900982',
        declaration: true,
      }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: [
        {
          field: 'phone',
          message:
            'Check your phone number: it is not a UK landline or mobile number in use. Enter the number you answer',
        },
      ],
    });
  } finally {
    await stopBundle(running);
  }
});

test('the resident-submission bundle draws a consultation’s results page in Polish and Urdu from its own files', async () => {
  // The page under /pl/ or /ur/ reads the consultation's translation and the language's page shell
  // at run time; the bundle may read only its own folder, so a file left out of included_files fails here.
  const running = await startNamedBundle('feedback');
  try {
    for (const [lang, words] of [
      ['pl', 'Jak mamy informować Cię o wspólnej dokumentacji medycznej?'],
      ['ur', 'ہم آپ کو مشترکہ نگہداشت ریکارڈ کے بارے میں کیسے بتائیں؟'],
    ] as const) {
      const response = await fetch(`${running.origin}/${lang}/consultations/how-we-write-to-you/results/`);
      expect(response.status, lang).toBe(200);
      const html = await response.text();
      expect(html, lang).toContain(`<html lang="${lang}" dir="${lang === 'ur' ? 'rtl' : 'ltr'}"`);
      // The consultation's title from its translation (the results page before it closes links it).
      expect(html, lang).toContain(words);
    }
  } finally {
    await stopBundle(running);
  }
});

test('a bundle missing a file it needs stops when it loads, naming the file and the setting, and never answers 503', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'clearshare-broken-bundle-'));
  try {
    cpSync(join(bundlesDir(), 'opt-out'), copy, { recursive: true });
    rmSync(join(copy, 'content', 'settings', 'site.yaml'));
    const bundle: BundledFunction = {
      name: 'opt-out',
      path: copy,
      entryFilename: '___netlify-entry-point.mjs',
      routes: [],
      schedule: undefined,
      size: undefined,
    };
    const env = platformEnv({
      name: 'opt-out',
      bundleDir: copy,
      databaseUrl: platformState().deployments['direct']?.databaseUrl ?? '',
      smtpUrl: 'smtp://127.0.0.1:1',
      publicUrl: 'http://127.0.0.1:1',
      keys: deploymentKeys(),
    });
    // Loading the function (what the bootstrap does on a cold start) fails with the reason.
    await expect(startBundle({ bundle, env, importFunction: true })).rejects.toThrow(
      /settings\/site\.yaml.*is missing\. Set CONTENT_DIR.*included_files/s,
    );
    // Called as the platform calls it, the invocation fails (the platform's own error), not a
    // resident-facing "Nothing was recorded".
    const running = await startBundle({ bundle, env });
    try {
      const response = await fetch(`${running.origin}/api/opt-out`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(502);
      expect(await response.text()).not.toContain('Nothing was recorded');
      expect(running.output.join('\n')).toMatch(/site\.yaml.*CONTENT_DIR/s);
    } finally {
      await stopBundle(running);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
