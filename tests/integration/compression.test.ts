import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync, createBrotliDecompress, gunzipSync, gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/http/app.ts';
import { acceptedEncodings, chooseEncoding, compressResponse } from '../../src/server/http/compression.ts';
import type { FunctionModule } from '../../src/server/http/function-module.ts';
import { renderPage } from '../../src/server/http/page.ts';
import { COMMON_SECURITY_HEADERS } from '../../src/server/http/security-headers.ts';
import { TRUSTED_INLINE_SCRIPTS } from '../../src/server/http/trusted-inline-scripts.ts';
import { wholeTextResponse } from '../../src/server/http/whole-body.ts';

/**
 * Someone on a slow connection gets the site compressed: the build's Brotli and gzip copies of
 * static files, and function pages compressed as they are sent, each exactly the bytes of the
 * original once decompressed, with every header the uncompressed answer had. A small stand-in
 * for dist/, compressed by the real build step (scripts/compress-dist.ts).
 */

// One of the inline scripts a built page may have (Astro's island loader): the policy hashes only those.
const inline = TRUSTED_INLINE_SCRIPTS[1] ?? '';
const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Your shared care record, paragraph ${i}: who can see it.</p>`).join('');
const files: Record<string, string | Buffer> = {
  'index.html': `<!doctype html><html><head><script>${inline}</script></head><body><h1>Home</h1>${paragraphs(60)}</body></html>`,
  '404.html': `<!doctype html><html><body><h1>Page not found</h1>${paragraphs(40)}</body></html>`,
  'form-shell/index.html': `<!doctype html><html><head><title>&lt;!--page:title--&gt;</title><script type="module">${inline}</script></head><body><main><!--page:main--></main>${paragraphs(20)}</body></html>`,
  '_astro/site.abc123.css': Array.from({ length: 600 }, (_, i) => `.nhsuk-u-margin-${i} { margin: ${i}px; }\n`).join(
    '',
  ),
  '_astro/tiny.css': 'body { color: black }',
  'images/photo.png': randomBytes(4096),
  'fonts/frutiger.woff2': randomBytes(4096),
};
const original = (name: string) => Buffer.from(files[name] ?? '');
const compressScript = resolve('scripts/compress-dist.ts');
const compressDist = () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', compressScript, dist], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
};
/** Every file in dist with a hash of its bytes. */
const snapshot = () =>
  Object.fromEntries(
    readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((name) => statSync(join(dist, name)).isFile())
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dist, name)))
          .digest('hex'),
      ]),
  );

let dist: string;
let app: ReturnType<typeof createApp>;
let releaseSecondPart: () => void = () => {};

const fake = (name: string, handler: FunctionModule['handler']): FunctionModule => ({
  name,
  handler,
  config: { path: `/api/${name}`, method: ['GET', 'HEAD'] },
});
const bigText = 'Who can see your record, and why. '.repeat(60);

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'clearshare-compression-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, name)), { recursive: true });
    writeFileSync(join(dist, name), content);
  }
  compressDist();
  const page = (title: string) => renderPage({ title, body: createElement('div', null, bigText), staticDir: dist });
  app = createApp({
    staticDir: dist,
    clientIpHeader: 'x-client-ip',
    functions: [
      fake('page', () => page('Check your answers')),
      fake('small-json', async () => Response.json({ reference: 'HK3BN7PD' })),
      fake('large-json', async () => Response.json({ rows: Array.from({ length: 200 }, (_, i) => ({ i, ok: true })) })),
      fake('cookies', async () => {
        const response = await page('Signed in');
        response.headers.append('Set-Cookie', 'session=abc; HttpOnly; Secure; SameSite=Strict; Path=/staff');
        response.headers.append('Set-Cookie', 'csrf=def; Secure; SameSite=Strict; Path=/staff');
        return response;
      }),
      fake('no-transform', async () => new Response(bigText, { headers: { 'Cache-Control': 'no-transform' } })),
      fake(
        'encoded',
        async () =>
          new Response(gzipSync(bigText), { headers: { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' } }),
      ),
      fake('picture', async () => new Response(randomBytes(4096), { headers: { 'Content-Type': 'image/png' } })),
      fake('stream', async () => {
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode(`first:${bigText}`));
            await new Promise<void>((resolve) => {
              releaseSecondPart = resolve;
            });
            controller.enqueue(encoder.encode(`second:${bigText}`));
            controller.close();
          },
        });
        return new Response(body, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
      }),
    ],
  });
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const get = (path: string, acceptEncoding?: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: {
      'x-client-ip': '192.0.2.1',
      ...(acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }),
    },
  });
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());
const decoded = async (response: Response) => {
  const body = await bytes(response);
  const encoding = response.headers.get('Content-Encoding');
  return encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
};
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('choosing an encoding from Accept-Encoding', () => {
  const brAndGzip = () => true;
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['BR', 'br'],
    ['x-gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip;q=0.5, identity', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['gzip;q=0.2, *;q=0.4', 'br'],
    ['identity', undefined],
    ['', undefined],
    [undefined, undefined],
    ['br;q=1.5, gzip;q=oops', undefined],
  ])('%j gives %s', (header, expected) => {
    expect(chooseEncoding(header, brAndGzip)).toBe(expected);
  });

  it('identity;q=0 still gets the plain file when no copy is acceptable, not an error', () => {
    expect(acceptedEncodings('identity;q=0, gzip')).toEqual(['gzip']);
    expect(chooseEncoding('identity;q=0, gzip', (encoding) => encoding === 'br')).toBeUndefined();
    expect(chooseEncoding('br, gzip', (encoding) => encoding === 'gzip')).toBe('gzip');
  });
});

describe('the build step that compresses dist', () => {
  it('writes Brotli and gzip copies of text files of 1 KB or more that decompress to the file', () => {
    for (const name of ['index.html', '404.html', '_astro/site.abc123.css']) {
      expect(brotliDecompressSync(readFileSync(join(dist, `${name}.br`)))).toEqual(original(name));
      expect(gunzipSync(readFileSync(join(dist, `${name}.gz`)))).toEqual(original(name));
      expect(readFileSync(join(dist, `${name}.br`)).length).toBeLessThan(original(name).length / 4);
    }
  });

  it('leaves small files, images and fonts alone', () => {
    for (const name of ['_astro/tiny.css', 'images/photo.png', 'fonts/frutiger.woff2']) {
      expect(existsSync(join(dist, `${name}.br`)), name).toBe(false);
      expect(existsSync(join(dist, `${name}.gz`)), name).toBe(false);
    }
  });

  it('gives the same files when run again, and removes a copy that no longer belongs', () => {
    const before = snapshot();
    writeFileSync(join(dist, '_astro/tiny.css.br'), 'stale');
    expect(compressDist()).toMatch(/^Compressed 4 files .* 1 under 1\.0 KB left as they are\) in \d+\.\d s\n$/);
    expect(snapshot()).toEqual(before);
    expect(Object.keys(before).filter((name) => /\.(br|gz)\.(br|gz)$/.test(name))).toEqual([]);
  });
});

describe('static files from the local server', () => {
  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
  ])('a stylesheet asked for with %j comes as %s: same bytes, its own type and length', async (accept, encoding) => {
    const response = await get('/_astro/site.abc123.css', accept);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe(encoding);
    expect(response.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const body = await bytes(response);
    expect(Number(response.headers.get('Content-Length'))).toBe(body.length);
    expect(body.length).toBeLessThan(original('_astro/site.abc123.css').length / 4);
    expect(await decoded(new Response(body, response))).toEqual(original('_astro/site.abc123.css'));
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
  });

  it.each([undefined, 'identity', 'br;q=0, gzip;q=0'])(
    'with Accept-Encoding %j the file comes as it is, still marked as varying',
    async (accept) => {
      const response = await get('/_astro/site.abc123.css', accept);
      expect(response.headers.get('Content-Encoding')).toBeNull();
      expect(response.headers.get('Vary')).toBe('Accept-Encoding');
      expect(Number(response.headers.get('Content-Length'))).toBe(original('_astro/site.abc123.css').length);
      expect(await bytes(response)).toEqual(original('_astro/site.abc123.css'));
    },
  );

  it('a page keeps the policy worked out from its uncompressed HTML', async () => {
    const response = await get('/', 'br');
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toContain(`script-src 'self' ${sha(inline)}`);
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate');
    expect(await decoded(response)).toEqual(original('index.html'));
  });

  it('HEAD gives the compressed headers and no body', async () => {
    const response = await get('/_astro/site.abc123.css', 'br', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(Number(response.headers.get('Content-Length'))).toBe(
      readFileSync(join(dist, '_astro/site.abc123.css.br')).length,
    );
    expect((await bytes(response)).length).toBe(0);
  });

  it('small files, images and fonts come as they are; only text varies', async () => {
    const tiny = await get('/_astro/tiny.css', 'br');
    expect(tiny.headers.get('Content-Encoding')).toBeNull();
    expect(await tiny.text()).toBe(files['_astro/tiny.css']);
    for (const path of ['/images/photo.png', '/fonts/frutiger.woff2']) {
      const response = await get(path, 'br, gzip');
      expect(response.headers.get('Content-Encoding'), path).toBeNull();
      expect(response.headers.get('Vary'), path).toBeNull();
      expect(await bytes(response)).toEqual(original(path.slice(1)));
    }
  });

  it('the compressed copies are not addresses of their own', async () => {
    for (const path of ['/_astro/site.abc123.css.br', '/_astro/site.abc123.css.gz', '/index.html.br']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('Content-Type'), path).toBe('text/html; charset=UTF-8');
    }
  });

  it('a byte range is served from the file as it is', async () => {
    const response = await app.request('/_astro/site.abc123.css', {
      headers: { 'Accept-Encoding': 'br', Range: 'bytes=0-9' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(await bytes(response)).toEqual(original('_astro/site.abc123.css').subarray(0, 10));
  });

  it('the not-found page is compressed too, with its status and policy', async () => {
    const response = await get('/no-such-page/', 'gzip');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'");
    expect(await decoded(response)).toEqual(original('404.html'));
  });
});

describe('function answers from the local server', () => {
  it('a function page is compressed, keeping its nonce policy and no-store', async () => {
    const response = await get('/api/page', 'br, gzip');
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('Content-Security-Policy') ?? '')?.[1];
    // Made in memory, so compressed whole: its length is known and sent (a streamed one has none).
    const body = await bytes(response);
    expect(response.headers.get('Content-Length')).toBe(String(body.byteLength));
    const html = brotliDecompressSync(body).toString('utf8');
    expect(html).toContain(`<script nonce="${nonce}" type="module">`);
    expect(html).toContain('<title>Check your answers');
    expect(html).toContain(bigText);
  });

  it('a page made whole in memory is compressed from its text, its stream never read', async () => {
    const request = (encoding: string) =>
      new Request('http://local/api/page', { headers: { 'Accept-Encoding': encoding } });
    const page = wholeTextResponse(`<p>${bigText}</p>`, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    const compressed = await compressResponse(request('gzip'), page);
    // Read back through its stream, the original would now be used.
    expect(page.bodyUsed).toBe(false);
    expect(compressed.headers.get('Content-Encoding')).toBe('gzip');
    expect(compressed.headers.get('Vary')).toBe('Accept-Encoding');
    expect(gunzipSync(await bytes(compressed)).toString('utf8')).toBe(`<p>${bigText}</p>`);
    // Under 1 KB it goes as it is, as a streamed one would.
    const small = wholeTextResponse('<p>Sent</p>', { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    const asItIs = await compressResponse(request('gzip'), small);
    expect(asItIs.headers.get('Content-Encoding')).toBeNull();
    expect(await asItIs.text()).toBe('<p>Sent</p>');
  });

  it('the same page without Accept-Encoding comes as it is', async () => {
    const response = await get('/api/page');
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await response.text()).toContain(bigText);
  });

  it('a small JSON answer is not worth compressing', async () => {
    const response = await get('/api/small-json', 'br');
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(response.headers.get('Vary')).toBeNull();
    expect(await response.json()).toEqual({ reference: 'HK3BN7PD' });
  });

  it('a large JSON answer is compressed with gzip when that is all the client takes', async () => {
    const response = await get('/api/large-json', 'gzip');
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Content-Type')).toContain('application/json');
    expect(JSON.parse((await decoded(response)).toString('utf8')).rows).toHaveLength(200);
  });

  it('every cookie survives compression', async () => {
    const response = await get('/api/cookies', 'br');
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.getSetCookie()).toEqual([
      'session=abc; HttpOnly; Secure; SameSite=Strict; Path=/staff',
      'csrf=def; Secure; SameSite=Strict; Path=/staff',
    ]);
    expect((await decoded(response)).toString('utf8')).toContain('Signed in');
  });

  it('answers marked no-transform, already encoded, not text, or to HEAD are left as they are', async () => {
    const noTransform = await get('/api/no-transform', 'br');
    expect(noTransform.headers.get('Content-Encoding')).toBeNull();
    expect(await noTransform.text()).toBe(bigText);
    const encoded = await get('/api/encoded', 'br');
    expect(encoded.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(encoded)).toString('utf8')).toBe(bigText);
    const picture = await get('/api/picture', 'br');
    expect(picture.headers.get('Content-Encoding')).toBeNull();
    expect((await bytes(picture)).length).toBe(4096);
    const head = await get('/api/page', 'br', { method: 'HEAD' });
    expect(head.headers.get('Content-Encoding')).toBeNull();
  });

  it('a streamed page reaches the reader part by part, not held until it ends', async () => {
    const response = await get('/api/stream', 'br');
    expect(response.headers.get('Content-Encoding')).toBe('br');
    expect(response.headers.get('Content-Length')).toBeNull();
    const reader = response.body?.getReader();
    const inflate = createBrotliDecompress();
    let text = '';
    inflate.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const readUntil = async (expected: string) => {
      while (text !== expected) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        await new Promise((resolve) => inflate.write(chunk.value, resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      return text;
    };
    // The second part is only produced once the first has been read in full.
    expect(await readUntil(`first:${bigText}`)).toBe(`first:${bigText}`);
    releaseSecondPart();
    expect(await readUntil(`first:${bigText}second:${bigText}`)).toBe(`first:${bigText}second:${bigText}`);
  }, 5_000);
});
