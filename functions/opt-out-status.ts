import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleStatus } from '../src/server/opt-out/handle-status.ts';

/** POST /api/opt-out/status: a request's status from its reference and date of birth. */
export default secureFunction(sameOriginOnly(handleStatus));

export const config: FunctionConfig = { path: '/api/opt-out/status', method: 'POST' };
