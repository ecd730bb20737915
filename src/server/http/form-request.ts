import { formFieldsToObject } from '../../forms/validation.ts';
import { BodyTooLargeError, readBodyAtMost } from './body.ts';

/** A request body the handler could not read (wrong type, malformed, too large). */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
  readonly status: 400 | 413 | 415;
  constructor(message: string, status: 400 | 413 | 415 = 400, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** What a form post or JSON call carried, in one shape for the schema. */
export interface ParsedSubmission {
  /** "form": a browser form post, answered with an HTML page; "json": answered with JSON. */
  kind: 'form' | 'json';
  fields: Record<string, unknown>;
  files: Record<string, File>;
}

/**
 * Reads a form post (URL-encoded or multipart) or a JSON body. Anything else is refused with a
 * plain message. The size limit is counted on what actually arrives (body.ts).
 */
export async function parseSubmission(request: Request, maxBytes: number): Promise<ParsedSubmission> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const buffer = await readBodyAtMost(request, maxBytes).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError)
      throw new BadRequestError('The request is too large', 413, { cause: error });
    throw new BadRequestError('The request body could not be read', 400, { cause: error });
  });

  if (type === 'application/json') {
    let fields: unknown;
    try {
      fields = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
    } catch (error) {
      throw new BadRequestError('The request body is not valid JSON', 400, { cause: error });
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new BadRequestError('The request body must be a JSON object');
    }
    if (nestedDeeperThan(fields, MAX_JSON_DEPTH)) {
      throw new BadRequestError('The request body is nested too deeply. Send each answer as a plain value.');
    }
    return { kind: 'json', fields: fields as Record<string, unknown>, files: {} };
  }

  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Request('http://local/', {
        method: 'POST',
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        body: buffer,
      }).formData();
    } catch (error) {
      throw new BadRequestError('The form could not be read', 400, { cause: error });
    }
    const files: Record<string, File> = {};
    for (const [name, value] of form) if (typeof value !== 'string' && value.size > 0) files[name] = value;
    return { kind: 'form', fields: formFieldsToObject(form), files };
  }

  throw new BadRequestError('Send the form as a web form or as JSON', 415);
}

/**
 * No form is more than a few levels deep. Deeper JSON (which JSON.parse accepts to tens of
 * thousands of levels) would overflow the stack of anything that walks it later, such as the
 * idempotency key's JSON.stringify, and was answered 503 "nothing was recorded" (found by fuzzing).
 */
export const MAX_JSON_DEPTH = 32;

function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** JSON callers get JSON errors; browsers posting forms get HTML pages. */
export function wantsJson(request: Request): boolean {
  return (
    (request.headers.get('content-type') ?? '').includes('application/json') ||
    (request.headers.get('accept') ?? '').startsWith('application/json')
  );
}
