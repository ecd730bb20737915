import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_SECURITY_HEADERS, staticPageHeaders } from '../../src/server/http/security-headers.ts';
import { type Cdn, headersForPath, parseHeadersFile, ROUTE_HEADER, startCdn } from './cdn.ts';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw HTTP exchange: the path goes out exactly as written and the body comes back still encoded. */
function send(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; chunks?: Buffer[] } = {},
): Promise<Answer> {
  return new Promise((resolveAnswer, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end(options.body);
  });
}

const json = (answer: Answer) => JSON.parse(answer.body.toString('utf8'));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const listen = (server: Server) =>
  new Promise<string>((resolveUrl) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolveUrl(typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '');
    }),
  );
const close = (server: Server) => new Promise<void>((done) => server.close(() => done()));

/** What a pre-compressed function answer carries; the CDN must pass these bytes on untouched. */
const GZIPPED_ANSWER = gzipSync(Buffer.from('{"compressed":"by the function"}'));

/** A function origin that says what it received: method, path, headers, and a digest of the body. */
function fakeOrigin(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.setHeader('x-echo-method', req.method ?? '');
      if (req.url === '/api/cookies') {
        res.setHeader('Set-Cookie', ['session=abc; Path=/; HttpOnly; Secure', 'csrf=def; Path=/; Secure']);
        res.end('two cookies');
      } else if (req.url === '/api/gzipped') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }).end(GZIPPED_ANSWER);
      } else {
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            method: req.method,
            url: req.url,
            headers: req.headers,
            bytes: body.length,
            sha256: sha256(body),
          }),
        );
      }
    });
  });
}

const SITE_FILES: Record<string, string | Buffer> = {
  'index.html': '<h1>Home</h1>',
  'faqs/index.html': '<h1>Questions</h1>',
  'about.html': '<h1>About</h1>',
  'shadowed/index.html': '<h1>Static, under a function path</h1>',
  'prefer/index.html': '<h1>Static, preferred</h1>',
  'override/x.txt': 'override',
  '404.html': '<h1>Page not found</h1>',
  '.env': 'SECRET_IN_DOTFILE=1',
  'style.css': `body { color: black; }\n${'p { margin: 0 0 1em; }\n'.repeat(200)}`,
  'app.js': 'console.log("app");',
  'main.js': 'console.log("main");',
  'mod.mjs': 'export const a = 1;',
  'data.json': '{"a":1}',
  'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'img.png': randomBytes(64),
  'photo.jpg': randomBytes(64),
  'pic.webp': randomBytes(64),
  'pic.avif': randomBytes(64),
  'favicon.ico': randomBytes(64),
  'assets/font.woff2': randomBytes(64),
  'sitemap.xml': '<urlset/>',
  'robots.txt': 'User-agent: *',
  'site.webmanifest': '{"name":"Clearshare"}',
  'leaflet.pdf': '%PDF-1.7',
  'event.ics': 'BEGIN:VCALENDAR',
  'blob.bin': randomBytes(64),
  _headers: `# rules for the CDN test
/*
  X-Site: every-file
  Set-Cookie: from-headers=1
/faqs/*
  X-Section: faqs
/faqs/
  X-Page: from-headers-file
  Link: </style.css>; rel=preload; as=style
  Link: </app.js>; rel=modulepreload
/:section/deep
  X-Placeholder: one-segment
/assets/*
  Cache-Control: public, max-age=31536000, immutable
/override/*
  X-Site: overridden
`,
  _redirects: `# file rules come before netlify.toml's
/from-file   /faqs/   302
/both        /from-redirects-file   301
/query  id=:id  /faqs/?ref=:id  301
/cond   /faqs/  302  Country=gb
`,
};

const NETLIFY_TOML = `
[[headers]]
  for = "/*"
  [headers.values]
    X-Toml = "applies"
[[headers]]
  for = "/faqs/"
  [headers.values]
    X-Page = "from-toml"
[[headers]]
  for = "/data.json"
  [headers.values]
    Cache-Control = '''
      max-age=0,
      no-store'''

[[redirects]]
  from = "/old"
  to = "/faqs/"
  status = 301
[[redirects]]
  from = "/both"
  to = "/from-toml"
[[redirects]]
  from = "/news/*"
  to = "/updates/:splat"
  status = 302
[[redirects]]
  from = "/r/:slug"
  to = "/faqs/"
  status = 200
[[redirects]]
  from = "/style.css"
  to = "/faqs/"
  status = 200
[[redirects]]
  from = "/app.js"
  to = "/faqs/"
  status = 200
  force = true
[[redirects]]
  from = "/legacy/*"
  to = "/api/echo/:splat"
  status = 200
[[redirects]]
  from = "/gone/*"
  to = "/404.html"
  status = 410
`;

describe('the CDN stand-in, in front of a fake function origin', () => {
  let dir: string;
  let origin: Server;
  let cdn: Cdn;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cdn-test-'));
    const dist = join(dir, 'dist');
    for (const [path, content] of Object.entries(SITE_FILES)) {
      await mkdir(dirname(join(dist, path)), { recursive: true });
      await writeFile(join(dist, path), content);
    }
    // Beside the publish directory, where a path-traversal bug would find it.
    await writeFile(join(dir, 'secret.txt'), 'TOP SECRET');
    await writeFile(join(dir, 'netlify.toml'), NETLIFY_TOML);

    origin = fakeOrigin();
    const originUrl = await listen(origin);
    const dead = createServer();
    const deadUrl = await listen(dead);
    await close(dead);

    cdn = await startCdn({
      distDir: dist,
      netlifyToml: join(dir, 'netlify.toml'),
      routes: [
        { name: 'echo', paths: ['/api/echo', '/api/echo/*'], origin: originUrl },
        { name: 'opt-out-status', paths: ['/api/opt-out/:reference'], methods: ['GET'], origin: originUrl },
        { name: 'staff', paths: ['/staff', '/staff/*'], methods: ['GET', 'POST', 'HEAD'], origin: originUrl },
        { name: 'feedback', paths: ['/api/feedback'], methods: ['POST'], origin: originUrl },
        { name: 'upload', paths: ['/api/upload'], methods: ['POST'], origin: originUrl },
        { name: 'cookies', paths: ['/api/cookies'], origin: originUrl },
        { name: 'gzipped', paths: ['/api/gzipped'], origin: originUrl },
        { name: 'shadow', paths: ['/shadowed/'], origin: originUrl },
        { name: 'prefer', paths: ['/prefer/'], origin: originUrl, preferStatic: true },
        { name: 'dead', paths: ['/api/dead'], origin: deadUrl },
      ],
    });
  });

  afterAll(async () => {
    await cdn?.close();
    if (origin) await close(origin);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('function routes', () => {
    it("passes a request to the function's origin with its method, path, query and the route that matched", async () => {
      const status = json(await send(cdn.url, '/api/opt-out/AB2C3D4E?ref=email'));
      expect(status.method).toBe('GET');
      expect(status.url).toBe('/api/opt-out/AB2C3D4E?ref=email');
      expect(status.headers[ROUTE_HEADER]).toBe('/api/opt-out/:reference');

      expect(json(await send(cdn.url, '/staff/queues/opt-outs')).headers[ROUTE_HEADER]).toBe('/staff/*');
      expect(json(await send(cdn.url, '/staff')).headers[ROUTE_HEADER]).toBe('/staff');
      const head = await send(cdn.url, '/staff/sign-in', { method: 'HEAD' });
      expect(head.headers['x-echo-method']).toBe('HEAD');
    });

    it('tells the function who is connecting, whatever the client claims', async () => {
      const seen = json(
        await send(cdn.url, '/api/echo', {
          headers: {
            'x-nf-client-connection-ip': '203.0.113.66',
            [ROUTE_HEADER]: '/staff/*',
            'x-forwarded-for': '198.51.100.1',
          },
        }),
      ).headers;
      expect(seen['x-nf-client-connection-ip']).toBe('127.0.0.1');
      expect(seen[ROUTE_HEADER]).toBe('/api/echo');
      expect(seen['x-forwarded-for']).toBe('198.51.100.1, 127.0.0.1');
      expect(seen['x-forwarded-proto']).toBe('http');
      expect(seen['x-forwarded-host']).toBe(new URL(cdn.url).host);
      expect(seen.host).toBe(new URL(cdn.url).host);
      expect(seen['x-nf-request-id']).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    });

    it('lets a method the function does not take fall through to the static site', async () => {
      const get = await send(cdn.url, '/api/feedback');
      expect(get.status).toBe(404);
      expect(get.body.toString()).toContain('Page not found');
      expect(json(await send(cdn.url, '/api/feedback', { method: 'POST', body: Buffer.from('a=1') })).method).toBe(
        'POST',
      );
    });

    it('runs the function over a static file at the same path, unless the function prefers static', async () => {
      expect(json(await send(cdn.url, '/shadowed/')).headers[ROUTE_HEADER]).toBe('/shadowed/');
      expect((await send(cdn.url, '/prefer/')).body.toString()).toBe('<h1>Static, preferred</h1>');
    });

    it("passes the function's answer back unchanged: both cookies, no custom headers", async () => {
      const answer = await send(cdn.url, '/api/cookies');
      expect(answer.headers['set-cookie']).toEqual([
        'session=abc; Path=/; HttpOnly; Secure',
        'csrf=def; Path=/; Secure',
      ]);
      expect(answer.headers['x-site']).toBeUndefined();
      expect(answer.headers['x-toml']).toBeUndefined();
      expect(answer.headers['cache-control']).toBeUndefined();
    });

    it('passes a compressed function answer on as the function encoded it', async () => {
      const answer = await send(cdn.url, '/api/gzipped', { headers: { 'accept-encoding': 'gzip, br' } });
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(answer.body.equals(GZIPPED_ANSWER)).toBe(true);
      expect(answer.headers.vary).toBeUndefined();
    });

    it('delivers an 11 MB evidence upload byte for byte, and a streamed one without a length', async () => {
      const upload = randomBytes(11 * 1024 * 1024);
      const seen = json(
        await send(cdn.url, '/api/upload', {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(upload.length) },
          body: upload,
        }),
      );
      expect(seen).toMatchObject({ bytes: upload.length, sha256: sha256(upload) });

      const pieces = [randomBytes(1024 * 1024), randomBytes(2 * 1024 * 1024), randomBytes(7)];
      const streamed = json(await send(cdn.url, '/api/upload', { method: 'POST', chunks: pieces }));
      expect(streamed).toMatchObject({ bytes: 3 * 1024 * 1024 + 7, sha256: sha256(Buffer.concat(pieces)) });
    });

    it('answers 502 when the function origin is down', async () => {
      const answer = await send(cdn.url, '/api/dead');
      expect(answer.status).toBe(502);
    });
  });

  describe('static files', () => {
    it('serves index.html for / and for a folder path with its slash', async () => {
      expect((await send(cdn.url, '/')).body.toString()).toBe('<h1>Home</h1>');
      const faqs = await send(cdn.url, '/faqs/');
      expect(faqs.status).toBe(200);
      expect(faqs.body.toString()).toBe('<h1>Questions</h1>');
    });

    it('redirects a folder path without its slash to the slash, keeping the query (pretty URLs)', async () => {
      const answer = await send(cdn.url, '/faqs?from=search');
      expect(answer.status).toBe(301);
      expect(answer.headers.location).toBe('/faqs/?from=search');
      expect((await send(cdn.url, '/about')).body.toString()).toBe('<h1>About</h1>');
    });

    it.each([
      ['/faqs/', 'text/html; charset=utf-8'],
      ['/style.css', 'text/css; charset=utf-8'],
      ['/main.js', 'text/javascript; charset=utf-8'],
      ['/mod.mjs', 'text/javascript; charset=utf-8'],
      ['/data.json', 'application/json; charset=utf-8'],
      ['/icon.svg', 'image/svg+xml'],
      ['/img.png', 'image/png'],
      ['/photo.jpg', 'image/jpeg'],
      ['/pic.webp', 'image/webp'],
      ['/pic.avif', 'image/avif'],
      ['/favicon.ico', 'image/x-icon'],
      ['/assets/font.woff2', 'font/woff2'],
      ['/sitemap.xml', 'application/xml; charset=utf-8'],
      ['/robots.txt', 'text/plain; charset=utf-8'],
      ['/site.webmanifest', 'application/manifest+json; charset=utf-8'],
      ['/leaflet.pdf', 'application/pdf'],
      ['/event.ics', 'text/calendar; charset=utf-8'],
      ['/blob.bin', 'application/octet-stream'],
    ])('serves %s as %s', async (path, type) => {
      const answer = await send(cdn.url, path);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(type);
    });

    it.each([
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/faqs/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/faqs/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/.env',
      '/_headers',
      '/_redirects',
      '/%00',
      '/%E0%A4%A',
    ])('refuses %s, which reaches outside the published files', async (path) => {
      const answer = await send(cdn.url, path);
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).not.toMatch(/TOP SECRET|SECRET_IN_DOTFILE|X-Site/);
    });

    it('answers other methods on a static page as not found, as Netlify does', async () => {
      const answer = await send(cdn.url, '/faqs/', { method: 'POST', body: Buffer.from('a=1') });
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).toContain('Page not found');
    });

    it('serves the 404 page with status 404 and the headers for the path asked for', async () => {
      const answer = await send(cdn.url, '/no-such-page');
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).toBe('<h1>Page not found</h1>');
      expect(answer.headers['x-site']).toBe('every-file');
      expect(answer.headers['x-toml']).toBe('applies');
      const head = await send(cdn.url, '/no-such-page', { method: 'HEAD' });
      expect(head.status).toBe(404);
      expect(head.body.length).toBe(0);
    });

    it('compresses text for browsers that accept it, preferring Brotli, and never images', async () => {
      const original = SITE_FILES['style.css'];
      const gzip = await send(cdn.url, '/style.css', { headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).toString()).toBe(original);
      expect(gzip.headers.vary).toBe('Accept-Encoding');

      const br = await send(cdn.url, '/style.css', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).toString()).toBe(original);

      const plain = await send(cdn.url, '/style.css');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['content-length']).toBe(String(plain.body.length));
      expect(plain.body.toString()).toBe(original);

      const png = await send(cdn.url, '/img.png', { headers: { 'accept-encoding': 'gzip, br' } });
      expect(png.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('custom headers from _headers and netlify.toml', () => {
    it('combines every matching rule, joining a header repeated within one rule with ", "', async () => {
      const { headers } = await send(cdn.url, '/faqs/');
      expect(headers['x-site']).toBe('every-file');
      expect(headers['x-section']).toBe('faqs');
      expect(headers['x-toml']).toBe('applies');
      expect(headers.link).toBe('</style.css>; rel=preload; as=style, </app.js>; rel=modulepreload');
      expect(headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    });

    it("lets a later rule replace an earlier rule's header, netlify.toml coming after _headers", async () => {
      expect((await send(cdn.url, '/faqs/')).headers['x-page']).toBe('from-toml');
      expect((await send(cdn.url, '/override/x.txt')).headers['x-site']).toBe('overridden');
      expect((await send(cdn.url, '/assets/font.woff2')).headers['cache-control']).toBe(
        'public, max-age=31536000, immutable',
      );
    });

    it('collapses a multi-line netlify.toml value into one header', async () => {
      expect((await send(cdn.url, '/data.json')).headers['cache-control']).toBe('max-age=0, no-store');
    });

    it('matches a :placeholder against exactly one segment', async () => {
      expect((await send(cdn.url, '/a/deep')).headers['x-placeholder']).toBe('one-segment');
      expect((await send(cdn.url, '/a/b/deep')).headers['x-placeholder']).toBeUndefined();
    });

    it('ignores rules for headers the CDN sets itself, such as Set-Cookie', async () => {
      expect((await send(cdn.url, '/faqs/')).headers['set-cookie']).toBeUndefined();
    });

    it('matches rule paths with or without the trailing slash and in any case, as Netlify parses them', () => {
      const rules = parseHeadersFile('/Faqs\n  X-A: 1\n/staff-shell/*\n  X-B: 2\n');
      expect(headersForPath(rules, '/faqs/')).toEqual({ 'X-A': '1' });
      expect(headersForPath(rules, '/staff-shell')).toEqual({ 'X-B': '2' });
      expect(headersForPath(rules, '/staff-shell/a/b')).toEqual({ 'X-B': '2' });
      expect(headersForPath(rules, '/staff-shellfish')).toEqual({});
    });
  });

  describe('redirects and rewrites', () => {
    it('redirects with the status given, passing the query on and ignoring a trailing slash', async () => {
      const old = await send(cdn.url, '/old?utm=leaflet');
      expect(old.status).toBe(301);
      expect(old.headers.location).toBe('/faqs/?utm=leaflet');
      expect((await send(cdn.url, '/old/')).headers.location).toBe('/faqs/');
      const news = await send(cdn.url, '/news/2026/winter');
      expect(news.status).toBe(302);
      expect(news.headers.location).toBe('/updates/2026/winter');
    });

    it('reads _redirects before netlify.toml, and leaves out rules with conditions it cannot judge', async () => {
      const fromFile = await send(cdn.url, '/from-file');
      expect([fromFile.status, fromFile.headers.location]).toEqual([302, '/faqs/']);
      expect((await send(cdn.url, '/both')).headers.location).toBe('/from-redirects-file');
      expect((await send(cdn.url, '/cond')).status).toBe(404);
    });

    it('matches query parameters a rule names', async () => {
      expect((await send(cdn.url, '/query?id=42')).headers.location).toBe('/faqs/?ref=42');
      expect((await send(cdn.url, '/query')).status).toBe(404);
    });

    it('rewrites with status 200, and serves a custom status with the page named', async () => {
      const rewrite = await send(cdn.url, '/r/anything');
      expect(rewrite.status).toBe(200);
      expect(rewrite.headers.location).toBeUndefined();
      expect(rewrite.body.toString()).toBe('<h1>Questions</h1>');
      const gone = await send(cdn.url, '/gone/page');
      expect(gone.status).toBe(410);
      expect(gone.body.toString()).toBe('<h1>Page not found</h1>');
    });

    it('lets an existing file shadow an unforced rule, but not a forced one', async () => {
      expect((await send(cdn.url, '/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
      expect((await send(cdn.url, '/app.js')).body.toString()).toBe('<h1>Questions</h1>');
    });

    it("runs a function when a rewrite lands on the function's path", async () => {
      const seen = json(await send(cdn.url, '/legacy/thing?y=1'));
      expect(seen.url).toBe('/api/echo/thing?y=1');
      expect(seen.headers[ROUTE_HEADER]).toBe('/api/echo/*');
    });
  });
});

const repo = resolve(import.meta.dirname, '../..');
const builtHeaders = join(repo, 'dist/_headers');

describe.skipIf(!existsSync(builtHeaders))('the CDN stand-in over the real build (dist/ and netlify.toml)', () => {
  let cdn: Cdn;
  beforeAll(async () => {
    cdn = await startCdn({ distDir: join(repo, 'dist'), netlifyToml: join(repo, 'netlify.toml'), routes: [] });
  });
  afterAll(() => cdn?.close());

  it("gives a built page its own policy from dist/_headers and netlify.toml's common headers", async () => {
    const html = await readFile(join(repo, 'dist/faqs/index.html'), 'utf8');
    const expected = staticPageHeaders('/faqs/', html, { localBackend: false });
    const { status, headers } = await send(cdn.url, '/faqs/');
    expect(status).toBe(200);
    expect(headers['content-security-policy']).toBe(expected['Content-Security-Policy']);
    expect(headers['cross-origin-opener-policy']).toBe(expected['Cross-Origin-Opener-Policy']);
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
      expect(headers[name.toLowerCase()], name).toBe(value);
    }
  });

  it('serves dist/404.html with status 404 and the common headers for an unknown path', async () => {
    const answer = await send(cdn.url, '/no-such-page/');
    expect(answer.status).toBe(404);
    expect(answer.body.toString()).toBe(await readFile(join(repo, 'dist/404.html'), 'utf8'));
    expect(answer.headers['x-frame-options']).toBe('DENY');
  });

  it('sends the staff shell with no-store from netlify.toml', async () => {
    const answer = await send(cdn.url, '/staff-shell/');
    expect(answer.headers['cache-control']).toBe('no-store');
  });
});
