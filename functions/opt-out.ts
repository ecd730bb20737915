import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleOptOut } from '../src/server/opt-out/handle-opt-out.ts';

/**
 * POST /api/opt-out: a complete opt-out as JSON (API clients), or the form's first page
 * (browsers), kept as a draft until "Send request". The rules are in the handler; Netlify adds
 * no headers to function answers, so secureFunction does, and sameOriginOnly refuses posts
 * from other sites before the handler runs.
 */
export default secureFunction(sameOriginOnly(handleOptOut));

export const config: FunctionConfig = { path: '/api/opt-out', method: 'POST' };
