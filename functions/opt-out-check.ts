import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleCheck } from '../src/server/opt-out/handle-check.ts';

/** GET /api/opt-out/check and /change: the draft shown back, to check or to change (a GET that changes nothing). */
export default secureFunction(handleCheck);

export const config: FunctionConfig = { path: ['/api/opt-out/check', '/api/opt-out/change'], method: 'GET' };
