/** The body was longer than the limit; reading stopped there. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

/** The body could not be read (the client went away, or the stream broke). */
export class BodyUnreadableError extends Error {
  override name = 'BodyUnreadableError';
}

/**
 * A request's body, read as it streams in and counted as it arrives, stopping (and cancelling the
 * stream) as soon as it passes `limit` bytes. Content-Length is only a hint: a client may leave it
 * out (chunked) or state less than it sends, so the count is what decides, and a huge body is never
 * held in memory. The one reader for every handler: form posts and JSON calls, the staff back
 * office and the policy-violation reports.
 */
export async function readBodyAtMost(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw new BodyTooLargeError(`The body says it is ${declared} bytes; the limit is ${limit}`);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new BodyUnreadableError('The request body could not be read', { cause: error });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(`The body is over the limit of ${limit} bytes`);
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
