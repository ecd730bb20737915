import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleWithdraw } from '../src/server/opt-out/handle-status.ts';

/** POST /api/opt-out/withdraw: from the status page, ask to opt back in. */
export default secureFunction(sameOriginOnly(handleWithdraw));

export const config: FunctionConfig = { path: '/api/opt-out/withdraw', method: 'POST' };
