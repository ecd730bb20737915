import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { describeError, log } from '../log.ts';
import { addressFromHeader } from './client-ip.ts';
import { compressResponse, servePrecompressed } from './compression.ts';
import type { FunctionModule } from './function-module.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import { staticPageHeaders, withSecurityHeaders } from './security-headers.ts';
import { servedOnThisOrigin } from './staff-origin.ts';
import { trailingSlashTarget } from './trailing-slash.ts';

export { MAX_BODY_BYTES };

/**
 * The local server: every function at its configured route, then the built site. One Node
 * process, as `npm start` promises; on Netlify the platform does this routing instead.
 */
export function createApp(options: {
  functions: FunctionModule[];
  staticDir: string;
  clientIpHeader?: string | undefined;
  /** How many proxies we trust append to CLIENT_IP_HEADER (client-ip.ts). Default 1. */
  trustedProxyHops?: number;
  /** STAFF_ORIGIN: staff paths answer 404 on any other origin (staff-origin.ts). */
  staffOrigin?: string | undefined;
  /** End-to-end tests only (main.ts decides): the clock for this request, handed to the function. */
  testClock?: ((request: Request) => () => Date) | undefined;
}): Hono {
  const app = new Hono();
  const staticDir = resolve(options.staticDir);

  // Security headers on every response (docs/security-headers.md); what a response set itself
  // wins: built pages carry their scripts' hashes, function pages a per-response nonce.
  app.use('*', async (c, next) => {
    await next();
    c.res = withSecurityHeaders(c.res);
  });

  // Each built page's document headers (its inline scripts' hashes), worked out once per file.
  const pageHeaders = new Map<string, Record<string, string>>();
  const documentHeaders = (file: string, urlPath: string, html?: string) => {
    let headers = pageHeaders.get(file);
    if (headers === undefined) {
      // Locally the admin may talk to decap-server (npm run cms -- --built, the CMS journey).
      headers = staticPageHeaders(urlPath, html ?? readFileSync(file, 'utf8'), { localBackend: true });
      pageHeaders.set(file, headers);
    }
    return headers;
  };

  // Before any route: the back office and the CMS exist only on STAFF_ORIGIN, when it is set.
  app.use('*', async (c, next) => (servedOnThisOrigin(c.req.raw, options.staffOrigin) ? next() : c.notFound()));

  app.onError((error, c) => {
    log.error('Unhandled error in a request', { path: new URL(c.req.url).pathname, error: describeError(error) });
    return c.json(
      { errors: [{ field: null, message: 'Sorry, there is a problem with the service. Try again later.' }] },
      500,
    );
  });

  for (const fn of options.functions) {
    if (!('path' in fn.config)) {
      // Scheduled functions run on timers, not routes. End-to-end tests only (testClock exists only
      // when NODE_ENV=test and STAFF_TEST_CLOCK=allow): a POST runs one now, at the test clock's
      // time, as the platform would on its schedule (an update sent, a consultation closed).
      const clock = options.testClock;
      if (clock) {
        const { handler } = fn;
        app.post(`/__e2e__/scheduled/${fn.name}`, (c) =>
          handler(c.req.raw, { params: {}, ip: 'e2e', now: clock(c.req.raw) }),
        );
      }
      continue;
    }
    const paths = Array.isArray(fn.config.path) ? fn.config.path : [fn.config.path];
    const methods =
      fn.config.method === undefined
        ? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
        : [fn.config.method].flat();
    for (const path of paths) {
      app.on(methods, path, async (c) => {
        const contentLength = Number(c.req.header('content-length') ?? 0);
        if (contentLength > MAX_BODY_BYTES) {
          return c.json(
            { errors: [{ field: null, message: 'The request is too large. Files must be 10 MB or smaller.' }] },
            413,
          );
        }
        const forwarded = options.clientIpHeader ? c.req.header(options.clientIpHeader) : undefined;
        const ip =
          addressFromHeader(forwarded, options.trustedProxyHops ?? 1) ?? getConnInfo(c).remote.address ?? 'unknown';
        return compressResponse(
          c.req.raw,
          await fn.handler(c.req.raw, {
            params: c.req.param() as Record<string, string>,
            ip,
            ...(options.testClock ? { now: options.testClock(c.req.raw) } : {}),
          }),
        );
      });
    }
  }

  // Content pages live at /<slug>/; send /<slug> there so shared links without the slash work.
  app.get('*', async (c, next) => {
    const url = new URL(c.req.url);
    const target = trailingSlashTarget(url, staticDir);
    if (target === 'refuse') return c.notFound();
    if (target) return c.redirect(target, 301);
    return next();
  });

  // The build's Netlify header and redirect rules are not pages.
  app.get('/_headers', (c) => c.notFound());
  app.get('/_redirects', (c) => c.notFound());

  // serveStatic reports the file it found only after it has made the response, so the file's
  // headers are added here, on the way out (headers set in onFound are lost unless the response
  // happens to share the context's Headers object, as @hono/node-server's own Response does).
  const servedFiles = new WeakMap<Request, string>();
  app.use('*', async (c, next) => {
    await next();
    const path = servedFiles.get(c.req.raw);
    if (path === undefined) return;
    // Hashed build assets never change; pages must be re-checked so updates show at once.
    c.header(
      'Cache-Control',
      path.includes('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    );
    if (!path.endsWith('.html')) return;
    for (const [name, value] of Object.entries(documentHeaders(resolve(path), c.req.path))) c.header(name, value);
  });
  // The build's .br and .gz copies when the request accepts them (compression.ts).
  app.use(
    '*',
    servePrecompressed({
      root: options.staticDir,
      onFound: (path, c) => {
        servedFiles.set(c.req.raw, path);
      },
    }),
  );

  app.notFound(async (c) => {
    const page = resolve(staticDir, '404.html');
    const html = existsSync(page) ? await readFile(page, 'utf8') : '<h1>Page not found</h1>';
    for (const [name, value] of Object.entries(documentHeaders(page, '/404.html', html))) c.header(name, value);
    return compressResponse(c.req.raw, c.html(html, 404));
  });

  return app;
}
