import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { describeError, log } from '../log.ts';
import type { FunctionModule } from './function-module.ts';
import { COMMON_SECURITY_HEADERS, NON_HTML_POLICY, policyForStaticPage, staticPagePolicy } from './security-headers.ts';

/** The client address a trusted proxy put in `header` (the first, original one), if configured and present. */
function clientIp(request: Request, header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = request.headers.get(header)?.split(',')[0]?.trim();
  return value || undefined;
}

/** Largest request body any endpoint accepts: a 10 MB evidence file plus the form around it. */
export const MAX_BODY_BYTES = 11 * 1024 * 1024;

/**
 * The local server: every function at its configured route, then the built site. One Node
 * process, as `npm start` promises; on Netlify the platform does this routing instead.
 */
export function createApp(options: {
  functions: FunctionModule[];
  staticDir: string;
  clientIpHeader?: string | undefined;
}): Hono {
  const app = new Hono();
  const staticDir = resolve(options.staticDir);

  // Security headers on every response (docs/security-headers.md). A response that set its own
  // policy keeps it: function pages carry a per-response nonce.
  app.use('*', async (c, next) => {
    await next();
    const response = new Response(c.res.body, c.res); // handlers may return immutable headers
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
      if (!response.headers.has(name)) response.headers.set(name, value);
    }
    if (!response.headers.has('Content-Security-Policy')) {
      const html = response.headers.get('Content-Type')?.includes('text/html');
      response.headers.set('Content-Security-Policy', html ? staticPagePolicy([]) : NON_HTML_POLICY);
    }
    c.res = response;
  });

  // Each built page's policy (its inline scripts' hashes), worked out once per file.
  const pagePolicies = new Map<string, string>();
  const pagePolicy = (file: string, urlPath: string, html?: string) => {
    let policy = pagePolicies.get(file);
    if (policy === undefined) {
      policy = policyForStaticPage(urlPath, html ?? readFileSync(file, 'utf8'));
      pagePolicies.set(file, policy);
    }
    return policy;
  };

  app.onError((error, c) => {
    log.error('Unhandled error in a request', { path: new URL(c.req.url).pathname, error: describeError(error) });
    return c.json(
      { errors: [{ field: null, message: 'Sorry, there is a problem with the service. Try again later.' }] },
      500,
    );
  });

  for (const fn of options.functions) {
    if (!('path' in fn.config)) continue; // scheduled functions run on timers, not routes
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
        const ip = clientIp(c.req.raw, options.clientIpHeader) ?? getConnInfo(c).remote.address ?? 'unknown';
        const response = await fn.handler(c.req.raw, { params: c.req.param() as Record<string, string>, ip });
        // A function answer is about one person's request unless it says otherwise: never cached.
        if (response.headers.has('Cache-Control')) return response;
        const headers = new Headers(response.headers);
        headers.set('Cache-Control', 'no-store');
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      });
    }
  }

  // Content pages live at /<slug>/; send /<slug> there so shared links without the slash work.
  app.get('*', async (c, next) => {
    const path = decodeURIComponent(new URL(c.req.url).pathname);
    if (
      !path.endsWith('/') &&
      !/\.[a-z0-9]+$/i.test(path) &&
      existsSync(resolve(staticDir, `.${path}`, 'index.html'))
    ) {
      return c.redirect(`${path}/${new URL(c.req.url).search}`, 301);
    }
    return next();
  });

  // The build's Netlify header rules are not a page.
  app.get('/_headers', (c) => c.notFound());

  app.use(
    '*',
    serveStatic({
      root: options.staticDir,
      onFound: (path, c) => {
        // Hashed build assets never change; pages must be re-checked so updates show at once.
        c.header(
          'Cache-Control',
          path.includes('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
        );
        if (path.endsWith('.html')) c.header('Content-Security-Policy', pagePolicy(resolve(path), c.req.path));
      },
    }),
  );

  app.notFound(async (c) => {
    const page = resolve(staticDir, '404.html');
    const html = existsSync(page) ? await readFile(page, 'utf8') : '<h1>Page not found</h1>';
    c.header('Content-Security-Policy', pagePolicy(page, '/404.html', html));
    return c.html(html, 404);
  });

  return app;
}
