import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleEmailLink } from '../src/server/opt-out/handle-links.ts';

/** The links in opt-out emails: confirming the contact address, and confirming a withdrawal (its page and button). */
export default secureFunction(sameOriginOnly(handleEmailLink));

export const config: FunctionConfig = {
  path: ['/api/opt-out/confirm', '/api/opt-out/withdraw/confirm'],
  method: ['GET', 'POST'],
};
