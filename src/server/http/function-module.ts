import { z } from 'zod';

/**
 * The shape of every file in functions/: a Web-standard handler as the default export and its
 * route in `config` — the Netlify Functions v2 shape, so the same file runs on Netlify and in
 * the local server unchanged.
 */
export type FunctionHandler = (request: Request, context?: FunctionContext) => Promise<Response>;

/** What the local server passes as the second argument (a subset of Netlify's context). */
export interface FunctionContext {
  /** Route parameters, e.g. { reference: "HK3BN7PD" } for /api/opt-out/:reference. */
  params: Record<string, string>;
  /** The client's IP address, for rate limits. Never logged. */
  ip: string;
  /**
   * The clock, when the local server was started to let end-to-end tests set it (test-clock.ts):
   * only the local server ever passes it, so a deployed function never reads a test's header.
   */
  now?: () => Date;
}

const methods = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** The route config, checked when the local server loads each function. */
export const functionConfigSchema = z.union([
  z.object({
    /** One path or several, with :name parameters (URLPattern syntax, as Netlify uses). */
    path: z.union([z.string().startsWith('/'), z.array(z.string().startsWith('/')).min(1)]),
    /** Methods the route answers. Default: all. */
    method: z.union([methods, z.array(methods).min(1)]).optional(),
  }),
  z.object({
    /** A cron expression: Netlify runs it as a scheduled function; the local server runs timers instead. */
    schedule: z.string().min(1),
  }),
]);

export type FunctionConfig = z.input<typeof functionConfigSchema>;

/** A loaded function module. */
export interface FunctionModule {
  name: string;
  handler: FunctionHandler;
  config: z.output<typeof functionConfigSchema>;
}

/** Checks a module's exports instead of trusting them. */
export function toFunctionModule(name: string, exports: Record<string, unknown>): FunctionModule {
  if (typeof exports['default'] !== 'function') throw new Error(`functions/${name} has no default export handler`);
  const config = functionConfigSchema.safeParse(exports['config']);
  if (!config.success) throw new Error(`functions/${name} has an invalid config: ${config.error.message}`);
  return { name, handler: exports['default'] as FunctionHandler, config: config.data };
}
