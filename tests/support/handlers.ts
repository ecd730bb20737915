import type { FunctionContext } from '../../src/server/http/function-module.ts';

/** Calls a function handler directly with a JSON body, as an API client on `ip` would. */
export function postJson(
  handler: (request: Request, context?: FunctionContext) => Promise<Response>,
  path: string,
  body: unknown,
  ip: string,
): Promise<Response> {
  return handler(
    new Request(`http://local${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { params: {}, ip },
  );
}
