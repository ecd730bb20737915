import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import {
  TOOLKIT_ITEMS,
  TOOLKIT_VERSIONS,
  type ToolkitVersion,
  toolkitPath,
  toolkitPdfName,
} from '../src/components/toolkit/items.ts';

/**
 * `npm run toolkit:pdf`: prints every partner toolkit page (/toolkit/<item>/<version>/) from the
 * built site in dist/ to a PDF in dist-toolkit/, with Chromium, for the comms team to send to a
 * printer. Each page's @page rule sets its paper (A4, or A5 for the leaflet). Run `npm run build`
 * first: the PDFs are made from the built pages, so they say what the site says.
 *
 * The pages are served to Chromium from dist/ through request interception, so no port is opened
 * and two runs cannot collide.
 */

const ORIGIN = 'http://toolkit.invalid';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.js': 'text/javascript',
};

export interface ToolkitPdf {
  item: string;
  version: ToolkitVersion;
  file: string;
  bytes: number;
}

/** The built file for a path under dist/, or undefined when there is none (a 404 to Chromium). */
function builtFile(distDir: string, pathname: string): string | undefined {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(distDir, relative.endsWith('/') ? `${relative}index.html` : relative);
  try {
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders every item in every version. `javaScript` false prints the pages as a browser with
 * JavaScript off would (the toolkit's journey runs both ways); they have no script either way.
 */
export async function renderToolkitPdfs(
  distDir = 'dist',
  outDir = 'dist-toolkit',
  javaScript = true,
): Promise<ToolkitPdf[]> {
  if (!builtFile(distDir, '/toolkit/')) {
    throw new Error(`${distDir}/toolkit/index.html is missing: run npm run build before npm run toolkit:pdf`);
  }
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: javaScript });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const file = builtFile(distDir, new URL(route.request().url()).pathname);
      if (!file) return route.fulfill({ status: 404, body: 'Not found' });
      return route.fulfill({
        body: readFileSync(file),
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      });
    });
    const made: ToolkitPdf[] = [];
    for (const item of TOOLKIT_ITEMS) {
      for (const { id: version } of TOOLKIT_VERSIONS) {
        const response = await page.goto(`${ORIGIN}${toolkitPath(item.id, version)}`, { waitUntil: 'load' });
        if (response?.status() !== 200)
          throw new Error(`${toolkitPath(item.id, version)} answered ${response?.status()}`);
        // preferCSSPageSize: the sheet's @page rule, not a default Letter page, decides A4 or A5.
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const file = join(outDir, toolkitPdfName(item.id, version));
        writeFileSync(file, pdf);
        made.push({ item: item.id, version, file, bytes: pdf.length });
      }
    }
    return made;
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const made = await renderToolkitPdfs(
    process.env['DIST_DIR'] ?? 'dist',
    process.env['TOOLKIT_PDF_DIR'] ?? 'dist-toolkit',
  );
  for (const pdf of made) process.stdout.write(`${pdf.file}\t${(pdf.bytes / 1024).toFixed(1)} KB\n`);
}
