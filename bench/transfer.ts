import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative, resolve } from 'node:path';
import { benchArguments } from './lib/arguments.ts';
import { kb, printTable } from './lib/format.ts';
import { freePort, root, startServer, stopServer } from './lib/server.ts';
import { gz, pageFiles } from './page-weight.ts';

/**
 * Transfer: the bytes the local server (`npm run serve`) actually sends for a page and everything
 * it loads (the files bench/page-weight.ts counts, images the CSS could load included), asked for
 * with Accept-Encoding br, gzip and identity in the same run, beside page-weight's gzip estimate.
 * Bodies only, as page-weight counts; headers add about 1 KB a file either way.
 */
const dist = resolve(root, 'dist');
const args = benchArguments(`Usage: npm run bench -- transfer [page, default /]

The bytes the local server sends for a page and everything it loads, with br, gzip and identity.
Needs npm run build first.`);
const page = args.text(0) ?? '/';
const html = join(dist, page, 'index.html');
if (!existsSync(`${html}.br`)) throw new Error(`${relative(root, html)}.br is missing: run npm run build first`);

const files = [{ path: html, kind: 'html' as const }, ...pageFiles(dist, html)];
const urlOf = (file: string) => `/${relative(dist, file).replace(/(^|\/)index\.html$/, '$1')}`;

/** The body's size as it came over the wire, undecoded, and the encoding it came in. */
function fetchRaw(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => {
        if (response.statusCode !== 200) fail(new Error(`${url} answered ${response.statusCode}`));
        else done({ bytes, encoding: response.headers['content-encoding'] ?? 'identity' });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

const server = await startServer({ port: await freePort() });
const rows: Record<string, string>[] = [];
const totals: Record<string, number> = {};
try {
  for (const accept of ['br', 'gzip', 'identity']) {
    const sums = { html: 0, css: 0, js: 0, other: 0 };
    let encoded = 0;
    for (const file of files) {
      const answer = await fetchRaw(`${server.url}${urlOf(file.path)}`, accept);
      sums[file.kind] += answer.bytes;
      if (answer.encoding !== 'identity') encoded += 1;
    }
    const total = sums.html + sums.css + sums.js + sums.other;
    totals[accept] = total;
    rows.push({
      'Accept-Encoding': accept,
      html: kb(sums.html),
      css: kb(sums.css),
      js: kb(sums.js),
      'images+fonts': kb(sums.other),
      total: kb(total),
      'files encoded': `${encoded} of ${files.length}`,
    });
  }
} finally {
  await stopServer(server);
}

const estimate = files.reduce((sum, file) => sum + gz(file.path), 0);
const br = totals['br'] ?? 0;
console.log(`Transfer of ${page} and the ${files.length - 1} files it loads, from the local server\n`);
printTable(rows);
console.log(`\n  page-weight.ts gzip estimate for ${page}: ${kb(estimate)}`);
console.log(
  `  br sent / that estimate: ${((br / estimate) * 100).toFixed(1)} % (within 110 %: ${br <= estimate * 1.1 ? 'yes' : 'NO'})`,
);
console.log(
  `  identity / br: ${((totals['identity'] ?? 0) / br).toFixed(1)}×; br saves ${(100 - (br / (totals['gzip'] ?? br)) * 100).toFixed(1)} % on gzip`,
);
