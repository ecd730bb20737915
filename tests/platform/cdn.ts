import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliCompress, createGzip } from 'node:zlib';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';

/**
 * A stand-in for Netlify's CDN, for tests that run the site as Netlify deploys it: the built files
 * from dist/ and each function bundle behind its own origin. It follows Netlify's request chain
 * (docs.netlify.com/platform/request-chain): function routes (`config.path`) first, then redirects
 * and rewrites, then static files, then the 404 page. Custom headers (`_headers`, netlify.toml)
 * apply only to what the CDN serves itself, never to function answers, as on Netlify.
 *
 * One file because the test harness owns only this path; its sections are: configuration (headers
 * and redirect rules), static files, forwarding to origins, and the request chain.
 */

export interface CdnRoute {
  /** The function's name, for messages. */
  name: string;
  /** The function's `config.path` patterns (URLPattern pathname syntax: `/api/opt-out/:reference`, `/staff/*`). */
  paths: string[];
  /** The function's `config.method`; absent means every method. Other methods fall through to the static site. */
  methods?: string[];
  /** Where the function's bundle answers, e.g. http://127.0.0.1:43111. */
  origin: string;
  /** Netlify's `preferStatic`: a static file at the same path wins over the function. Default false. */
  preferStatic?: boolean;
}

export interface CdnOptions {
  /** The publish directory (dist/), with `_headers`, `_redirects` and `404.html` if the build wrote them. */
  distDir: string;
  /** Path of netlify.toml: its `[[headers]]` and `[[redirects]]` apply. */
  netlifyToml: string;
  routes: CdnRoute[];
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface Cdn {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** The request header that tells a function's origin which of its patterns matched (for `context.params`). */
export const ROUTE_HEADER = 'x-platform-route';

// ---------------------------------------------------------------------------------------------
// Custom headers. Semantics follow Netlify's published parser and its local emulation
// (netlify/build packages/headers-parser, netlify/primitives packages/headers headersForPath):
// a rule's path matches case-insensitively with an optional trailing slash; `:name` is one
// segment, `*` any rest; a header repeated inside one rule is joined with ", "; when several
// rules set the same header the later rule's value replaces the earlier one, and netlify.toml
// rules come after `_headers` rules.
// ---------------------------------------------------------------------------------------------

export interface HeaderRule {
  for: string;
  values: Record<string, string>;
  pattern: RegExp;
}

/** Header names Netlify's servers set themselves; custom values for them are ignored (docs: Custom headers, Limitations). */
const RESERVED_HEADERS = new Set(
  'accept-ranges age allow alt-svc connection content-encoding content-length content-range date location server set-cookie trailer transfer-encoding upgrade'.split(
    ' ',
  ),
);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function headerPathPattern(forPath: string): RegExp {
  const parts = forPath
    .split('/')
    .map((part) => part.trimEnd())
    .filter(Boolean);
  let source = '';
  for (const part of parts) {
    if (part.startsWith(':')) source += '/[^/]+';
    // A whole-segment `*` also matches nothing at all: `/staff-shell/*` covers `/staff-shell`.
    // (Netlify's parser writes this as `/?(.*)`, which would also match `/staff-shellX`; we keep the segment boundary.)
    else if (part === '*') source += '(?:/.*)?';
    else source += `/${part.split('*').map(escapeRegExp).join('.*')}`;
  }
  return new RegExp(`^${source}/?$`, 'i');
}

/** Netlify's normalisation of a value: trimmed, list items joined with ", " (multi-line netlify.toml strings). */
function normalizeHeaderValue(value: string): string {
  return value
    .trim()
    .split(/\s*,\s*/)
    .join(', ')
    .replace(/\s*\n\s*/g, ' ');
}

function headerRule(forPath: string, values: Record<string, string>): HeaderRule {
  return { for: forPath.trim(), values, pattern: headerPathPattern(forPath.trim()) };
}

/** Parses a `_headers` file: a path line (starting with `/`), then indented `Name: value` lines; `#` comments. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: { for: string; values: Record<string, string> }[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('/')) {
      rules.push({ for: line, values: {} });
      return;
    }
    const colon = line.indexOf(':');
    const current = rules.at(-1);
    if (colon <= 0 || !current)
      throw new Error(`_headers line ${index + 1} is neither a path nor "Name: value": ${line}`);
    const name = line.slice(0, colon).trim();
    const value = normalizeHeaderValue(line.slice(colon + 1));
    const previous = current.values[name];
    current.values[name] = previous === undefined ? value : `${previous}, ${value}`;
  });
  return rules.map((rule) => headerRule(rule.for, rule.values));
}

/** The custom headers for a URL path: every matching rule in order, a later rule replacing an earlier one's header. */
export function headersForPath(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const result = new Map<string, [string, string]>();
  for (const rule of rules) {
    if (!rule.pattern.test(path)) continue;
    for (const [name, value] of Object.entries(rule.values)) {
      if (!RESERVED_HEADERS.has(name.toLowerCase())) result.set(name.toLowerCase(), [name, value]);
    }
  }
  return Object.fromEntries(result.values());
}

// ---------------------------------------------------------------------------------------------
// Redirects and rewrites (docs: Redirects and rewrites; netlify/build packages/redirect-parser):
// `_redirects` rules first, then netlify.toml's, first match wins. A rule's `from` matches with
// or without a trailing slash; `:name` is one segment, a final `*` any rest (`:splat` in `to`).
// Status 301/302/303/307/308 redirects, any other status serves `to` with that status (200 is a
// rewrite, 404 a custom not-found). Unless forced, a rule does not shadow an existing file.
// ---------------------------------------------------------------------------------------------

export interface RedirectRule {
  from: string;
  to: string;
  status: number;
  force: boolean;
  /** Query parameters the request must carry; a `:name` value binds a placeholder. */
  query: Record<string, string>;
}

interface CompiledRedirect extends RedirectRule {
  pattern: RegExp;
  names: string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Parses a `_redirects` file: `from [key=value…] to [status[!]] [conditions]` per line, `#` comments. */
export function parseRedirectsFile(text: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const tokens = rawLine.trim().split(/\s+/).filter(Boolean);
    const comment = tokens.findIndex((token) => token.startsWith('#'));
    if (comment !== -1) tokens.length = comment;
    const [from, ...rest] = tokens;
    if (from === undefined) return;
    const toIndex = rest.findIndex((token) => token.startsWith('/') || /^https?:\/\//.test(token));
    const to = rest[toIndex];
    if (to === undefined) throw new Error(`_redirects line ${index + 1} has no destination: ${rawLine.trim()}`);
    const [statusToken, ...conditions] = rest.slice(toIndex + 1);
    // Country, Language and Role conditions cannot be evaluated here: such rules are left out.
    if (conditions.length > 0) return;
    const query = Object.fromEntries(
      rest.slice(0, toIndex).map((pair) => {
        const [key = '', value = ''] = pair.split('=', 2);
        return [key, value];
      }),
    );
    const status = statusToken === undefined ? 301 : Number.parseInt(statusToken, 10);
    rules.push({ from, to, status, force: statusToken?.endsWith('!') ?? false, query });
  });
  return rules;
}

function compileRedirect(rule: RedirectRule): CompiledRedirect {
  const names: string[] = [];
  const segments = rule.from.split('/').filter(Boolean);
  let source = '';
  segments.forEach((segment, index) => {
    if (segment === '*' && index === segments.length - 1) {
      names.push('splat');
      source += '(?:/(.*))?';
    } else if (segment.startsWith(':')) {
      names.push(segment.slice(1));
      source += '/([^/]+)';
    } else source += `/${escapeRegExp(segment)}`;
  });
  return { ...rule, names, pattern: new RegExp(`^${source}/?$`) };
}

/** The first rule matching the URL, with its destination filled in, or undefined. */
function matchRedirect(
  rules: readonly CompiledRedirect[],
  url: URL,
): { rule: CompiledRedirect; to: string } | undefined {
  for (const rule of rules) {
    const match = rule.pattern.exec(url.pathname);
    if (!match) continue;
    const values = new Map(rule.names.map((name, index) => [name, match[index + 1] ?? '']));
    const queryMatches = Object.entries(rule.query).every(([key, expected]) => {
      const actual = url.searchParams.get(key);
      if (actual === null) return false;
      if (expected.startsWith(':')) values.set(expected.slice(1), actual);
      return expected.startsWith(':') || actual === expected;
    });
    if (!queryMatches) continue;
    let to = rule.to.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => values.get(name) ?? whole);
    // The request's query string is passed on unless the rule names a query of its own.
    if (!to.includes('?') && url.search) to += url.search;
    return { rule, to };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Configuration, read once at start-up.
// ---------------------------------------------------------------------------------------------

const tomlSchema = z.object({
  headers: z
    .array(z.object({ for: z.string(), values: z.record(z.string(), z.union([z.string(), z.array(z.string())])) }))
    .default([]),
  redirects: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        status: z.number().int().default(301),
        force: z.boolean().default(false),
        query: z.record(z.string(), z.string()).default({}),
        conditions: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
});

interface Site {
  root: string;
  headerRules: HeaderRule[];
  redirects: CompiledRedirect[];
  routes: { route: CdnRoute; patterns: { source: string; pattern: URLPattern }[] }[];
  agent: Agent;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

async function loadSite(options: CdnOptions): Promise<Site> {
  const root = await realpath(options.distDir);
  let toml: z.infer<typeof tomlSchema>;
  try {
    toml = tomlSchema.parse(parseToml(await readFile(options.netlifyToml, 'utf8')));
  } catch (error) {
    throw new Error(`Could not read the headers and redirects in ${options.netlifyToml}`, { cause: error });
  }
  const tomlHeaders = toml.headers.map((block) =>
    headerRule(
      block.for,
      Object.fromEntries(
        Object.entries(block.values).map(([name, value]) => [
          name.trim(),
          Array.isArray(value) ? value.map((item) => item.trim()).join(', ') : normalizeHeaderValue(value),
        ]),
      ),
    ),
  );
  const tomlRedirects = toml.redirects
    .filter((rule) => rule.conditions === undefined || Object.keys(rule.conditions).length === 0)
    .map(({ conditions: _, ...rule }) => rule);
  const headersFile = await readOptional(join(root, '_headers'));
  const redirectsFile = await readOptional(join(root, '_redirects'));
  return {
    root,
    headerRules: [...(headersFile ? parseHeadersFile(headersFile) : []), ...tomlHeaders],
    redirects: [...(redirectsFile ? parseRedirectsFile(redirectsFile) : []), ...tomlRedirects]
      // Domain-level rules (`from = "https://…"`) name another host: not this site's paths.
      .filter((rule) => rule.from.startsWith('/'))
      .map(compileRedirect),
    routes: options.routes.map((route) => ({
      route,
      patterns: route.paths.map((source) => ({ source, pattern: new URLPattern({ pathname: source }) })),
    })),
    agent: new Agent({ keepAlive: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// Static files.
// ---------------------------------------------------------------------------------------------

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.ics': 'text/calendar; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Netlify's default for files it serves: browsers revalidate, the CDN keeps them until the next deploy. */
const DEFAULT_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/;

/**
 * The file under the publish directory a URL path names, or undefined for a path that could reach
 * outside it. The URL parser has already resolved `..`, `%2e%2e` and backslashes; what is left
 * to refuse is an encoded slash or backslash, a NUL, and dot files (never deployed).
 */
function fileUnder(root: string, pathname: string): string | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/').filter(Boolean)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  // Netlify reads these two files; it does not publish them.
  if (segments.length === 1 && (segments[0] === '_headers' || segments[0] === '_redirects')) return undefined;
  const file = resolve(root, ...segments);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

async function isFileWithin(root: string, file: string | undefined): Promise<boolean> {
  if (file === undefined) return false;
  try {
    if (!(await stat(file)).isFile()) return false;
    // A symbolic link must not lead outside the publish directory either.
    return (await realpath(file)).startsWith(root + sep);
  } catch {
    return false;
  }
}

type StaticHit = { kind: 'file'; file: string } | { kind: 'directory'; index: string };

/** Netlify's pretty URLs: `/a/` serves a/index.html; `/a` serves a file, else a.html, else redirects to `/a/`. */
async function findStatic(root: string, pathname: string): Promise<StaticHit | undefined> {
  if (pathname.endsWith('/')) {
    const index = fileUnder(root, `${pathname}index.html`);
    return index && (await isFileWithin(root, index)) ? { kind: 'file', file: index } : undefined;
  }
  for (const candidate of [pathname, `${pathname}.html`]) {
    const file = fileUnder(root, candidate);
    if (file && (await isFileWithin(root, file))) return { kind: 'file', file };
  }
  const index = fileUnder(root, `${pathname}/index.html`);
  return index && (await isFileWithin(root, index)) ? { kind: 'directory', index } : undefined;
}

function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((item) => item.trim());
    const q = params.find((param) => param.startsWith('q='));
    if (name) weights.set(name, q ? Number(q.slice(2)) : 1);
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  return accepts('gzip') ? 'gzip' : undefined;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  site: Site,
  file: string,
  status: number,
  headerPath: string,
): Promise<void> {
  const size = (await stat(file)).size;
  res.statusCode = status;
  res.setHeader('Content-Type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', DEFAULT_CACHE_CONTROL);
  for (const [name, value] of Object.entries(headersForPath(site.headerRules, headerPath))) res.setHeader(name, value);
  const compressible = COMPRESSIBLE.test(String(res.getHeader('Content-Type')));
  const encoding = compressible && req.method !== 'HEAD' ? chooseEncoding(req.headers['accept-encoding']) : undefined;
  if (compressible) {
    const vary = res.getHeader('Vary');
    res.setHeader('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  }
  if (encoding) res.setHeader('Content-Encoding', encoding);
  else res.setHeader('Content-Length', size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = createReadStream(file);
  if (encoding === 'br') await pipeline(body, createBrotliCompress(), res);
  else if (encoding === 'gzip') await pipeline(body, createGzip(), res);
  else await pipeline(body, res);
}

async function sendNotFound(req: IncomingMessage, res: ServerResponse, site: Site, pathname: string): Promise<void> {
  const page = join(site.root, '404.html');
  if (await isFileWithin(site.root, page)) return sendFile(req, res, site, page, 404, pathname);
  res
    .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    .end(req.method === 'HEAD' ? undefined : 'Not Found');
}

/** Only GET and HEAD read files; Netlify answers other methods on a static path as not found. */
async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  site: Site,
  url: URL,
  rewrite?: { status: number },
): Promise<void> {
  const hit = req.method === 'GET' || req.method === 'HEAD' ? await findStatic(site.root, url.pathname) : undefined;
  if (hit?.kind === 'directory' && !rewrite) {
    res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
    return;
  }
  if (!hit) return sendNotFound(req, res, site, url.pathname);
  return sendFile(req, res, site, hit.kind === 'file' ? hit.file : hit.index, rewrite?.status ?? 200, url.pathname);
}

// ---------------------------------------------------------------------------------------------
// Forwarding to origins: the functions, and external proxies named by 200 rules.
// ---------------------------------------------------------------------------------------------

/** Connection-level headers, which belong to one hop and are never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/** Netlify's request ids are ULIDs: 10 characters of time, 16 of randomness, Crockford base 32. */
function requestId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let time = Date.now();
  let id = '';
  for (let i = 0; i < 10; i++, time = Math.floor(time / 32)) id = alphabet.charAt(time % 32) + id;
  for (const byte of randomBytes(16)) id += alphabet.charAt(byte % 32);
  return id;
}

function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Streams the request to the origin and its answer back unchanged (status, every header including
 * several Set-Cookie, body still encoded). The client's own `x-nf-*` and route headers are dropped
 * first: only the CDN may say who is connecting and which route matched.
 */
function forward(req: IncomingMessage, res: ServerResponse, site: Site, target: URL, route?: string): void {
  const listed = new Set(
    (req.headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((name) => name.trim()),
  );
  const headers: string[] = [];
  let forwardedFor = '';
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const value = req.rawHeaders[i + 1] ?? '';
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') forwardedFor = forwardedFor ? `${forwardedFor}, ${value}` : value;
    if (HOP_BY_HOP.has(lower) || listed.has(lower) || lower.startsWith('x-nf-') || lower.startsWith('x-forwarded-'))
      continue;
    if (lower === ROUTE_HEADER || (lower === 'host' && !route)) continue;
    headers.push(name, value);
  }
  const ip = clientAddress(req);
  headers.push('x-nf-client-connection-ip', ip, 'x-nf-request-id', requestId());
  headers.push('x-forwarded-for', forwardedFor ? `${forwardedFor}, ${ip}` : ip, 'x-forwarded-proto', 'http');
  if (req.headers.host) headers.push('x-forwarded-host', req.headers.host);
  if (route) headers.push(ROUTE_HEADER, route);
  else headers.push('host', target.host);

  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, {
    method: req.method ?? 'GET',
    headers,
    ...(target.protocol === 'http:' ? { agent: site.agent } : {}),
  });
  upstream.on('response', (answer) => {
    const out: string[] = [];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) {
      const name = answer.rawHeaders[i] ?? '';
      if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, answer.rawHeaders[i + 1] ?? '');
    }
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
    pipeline(answer, res).catch(() => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    // A CDN whose origin is down or broke off answers 502, as Netlify does for a failed function.
    res
      .writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(`Bad Gateway: ${route ? `the function at ${route}` : target.origin} did not answer.\n`);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  pipeline(req, upstream).catch(() => upstream.destroy());
}

// ---------------------------------------------------------------------------------------------
// The request chain.
// ---------------------------------------------------------------------------------------------

async function matchRoute(site: Site, pathname: string, method: string) {
  for (const { route, patterns } of site.routes) {
    if (route.methods && !route.methods.some((allowed) => allowed.toUpperCase() === method)) continue;
    const hit = patterns.find(({ pattern }) => pattern.test({ pathname }));
    if (!hit) continue;
    if (route.preferStatic && (await findStatic(site.root, pathname))?.kind === 'file') continue;
    return { route, pattern: hit.source };
  }
  return undefined;
}

async function handle(req: IncomingMessage, res: ServerResponse, site: Site): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://cdn.invalid');
  const method = req.method ?? 'GET';

  const fn = await matchRoute(site, url.pathname, method);
  if (fn) return forward(req, res, site, new URL(`${url.pathname}${url.search}`, fn.route.origin), fn.pattern);

  const redirect = matchRedirect(site.redirects, url);
  if (redirect && (redirect.rule.force || !(await findStatic(site.root, url.pathname)))) {
    if (REDIRECT_STATUSES.has(redirect.rule.status)) {
      res.writeHead(redirect.rule.status, { Location: redirect.to, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(method === 'HEAD' ? undefined : `Redirecting to ${redirect.to}\n`);
      return;
    }
    const target = new URL(redirect.to, url);
    if (/^https?:\/\//.test(redirect.to)) return forward(req, res, site, target);
    // A rewrite onto a function's path runs that function (not recursive: redirects are not read again).
    const rewritten = await matchRoute(site, target.pathname, method);
    if (rewritten)
      return forward(
        req,
        res,
        site,
        new URL(`${target.pathname}${target.search}`, rewritten.route.origin),
        rewritten.pattern,
      );
    return serveStatic(req, res, site, target, { status: redirect.rule.status });
  }

  return serveStatic(req, res, site, url);
}

const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_UNABLE_TO_PIPE']);

export async function startCdn(options: CdnOptions): Promise<Cdn> {
  const site = await loadSite(options);
  const server = createServer((req, res) => {
    handle(req, res, site).catch((error: unknown) => {
      // The browser went away mid-answer, or before the body was piped (a favicon request cut off by
      // the next page), or the CDN is closing: nothing went wrong here.
      if (error instanceof Error && 'code' in error && CLIENT_GONE.has(String(error.code))) return;
      // Visible, never swallowed: a test that hits this should fail loudly.
      console.error(`cdn: ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('CDN error\n');
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The CDN is not listening on a TCP port');
  const { port } = address;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
        site.agent.destroy();
      }),
  };
}
