import { createElement } from 'react';
import { t } from '../../i18n/t.ts';
import { jsonErrors } from '../http/responses.ts';
import type { StaffContext } from './route-table.ts';
import { NotFound } from './views/NotFound.tsx';

/**
 * The answers every queue handler gives, the same way each time: post/redirect/get for a form,
 * JSON for an API caller, the page again with its errors for a validation failure.
 */

export { jsonErrors, seeOther } from '../http/responses.ts';

export const jsonOk = (data: unknown) => Response.json(data, { headers: { 'Cache-Control': 'no-store' } });

/** The posted fields as a record (a form post or a JSON object); anything else reads as empty. */
export function bodyFields(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body } : {};
}

/** The posted string values, to keep what was typed when the page comes back with errors. */
export function keptValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(bodyFields(body)).flatMap(([name, value]) =>
      typeof value === 'string'
        ? [[name, value]]
        : typeof value === 'number' || typeof value === 'boolean'
          ? [[name, String(value)]]
          : [],
    ),
  );
}

/** A reference that matches nothing this person may see: the same answer whether or not it exists. */
export function notFound(ctx: StaffContext): Promise<Response> | Response {
  const message = t('staffQueues.notFound');
  if (ctx.wantsJson) return jsonErrors([{ field: 'reference', message }], 404);
  return ctx.page({ title: message, body: createElement(NotFound), status: 404 });
}
