import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleSubmit } from '../src/server/opt-out/handle-submit.ts';

/** POST /api/opt-out/submit: "Send request" on "Check your answers" (headers and origin as in opt-out.ts). */
export default secureFunction(sameOriginOnly(handleSubmit));

export const config: FunctionConfig = { path: '/api/opt-out/submit', method: 'POST' };
