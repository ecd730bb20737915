import { BodyTooLargeError, readBodyAtMost } from '../http/body.ts';

/**
 * Reads a staff request's body into ctx.body: a form post becomes an object of strings (string[]
 * for a repeated name), a JSON body is passed as parsed. Most staff screens send small forms, so
 * the limit is small: a large body is refused before it is read into memory.
 */
export const MAX_STAFF_BODY_BYTES = 256 * 1024;

/**
 * A file upload (multipart, only past the session and role checks): the record platform's match
 * file, up to 100,000 rows (docs/staff-queues.md). About 40 bytes a row, so 10 MB leaves room.
 */
export const MAX_STAFF_UPLOAD_BYTES = 10 * 1024 * 1024;

export class StaffBodyError extends Error {
  override name = 'StaffBodyError';
  readonly status: 400 | 413 | 415;
  constructor(status: 400 | 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

async function readLimited(request: Request, limit: number, tooLarge: string): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await readBodyAtMost(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new StaffBodyError(413, tooLarge);
    throw new StaffBodyError(400, 'The request body could not be read.');
  }
}

/** A multipart form: its text fields as strings, its files as File objects for the handler to check. */
async function parseMultipart(request: Request): Promise<Record<string, string | File>> {
  const limitMb = MAX_STAFF_UPLOAD_BYTES / 1024 / 1024;
  const bytes = await readLimited(
    request,
    MAX_STAFF_UPLOAD_BYTES,
    `The file is too large. Upload a file of ${limitMb} MB or less.`,
  );
  let form: FormData;
  try {
    form = await new Response(bytes, {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData();
  } catch {
    throw new StaffBodyError(400, 'The form could not be read. Choose the file and upload it again.');
  }
  const fields: Record<string, string | File> = {};
  for (const [name, value] of form) fields[name] ??= value;
  return fields;
}

/** `allowFiles`: accept a multipart upload (the dispatcher allows it only for signed-in staff). */
export async function parseStaffBody(request: Request, options: { allowFiles?: boolean } = {}): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data' && options.allowFiles) return parseMultipart(request);
  const text = Buffer.from(await readLimited(request, MAX_STAFF_BODY_BYTES, 'The request is too large.')).toString(
    'utf8',
  );
  if (type === 'application/json') {
    if (text === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new StaffBodyError(400, 'The request body is not valid JSON.');
    }
  }
  // text/plain is refused, and multipart except where allowed: no other staff form uses them.
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
