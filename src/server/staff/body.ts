import { BodyTooLargeError, readBodyAtMost } from '../http/body.ts';

/**
 * Reads a staff request's body into ctx.body: a form post becomes an object of strings (string[]
 * for a repeated name), a JSON body is passed as parsed. Staff screens never upload files, so the
 * limit is small: a large body is refused before it is read into memory.
 */
export const MAX_STAFF_BODY_BYTES = 256 * 1024;

export class StaffBodyError extends Error {
  override name = 'StaffBodyError';
  readonly status: 400 | 413 | 415;
  constructor(status: 400 | 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

async function readLimited(request: Request): Promise<string> {
  try {
    return Buffer.from(await readBodyAtMost(request, MAX_STAFF_BODY_BYTES)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new StaffBodyError(413, 'The request is too large.');
    throw new StaffBodyError(400, 'The request body could not be read.');
  }
}

export async function parseStaffBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await readLimited(request);
  if (type === 'application/json') {
    if (text === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new StaffBodyError(400, 'The request body is not valid JSON.');
    }
  }
  // text/plain and multipart are refused: no staff form uses them.
  if (type === 'application/x-www-form-urlencoded' || (type === '' && text === '')) {
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(text)) {
      const previous = fields[name];
      fields[name] = previous === undefined ? value : [previous, value].flat();
    }
    return fields;
  }
  throw new StaffBodyError(415, 'Send a form post or JSON.');
}
