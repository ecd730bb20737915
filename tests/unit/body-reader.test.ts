import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBodyAtMost } from '../../src/server/http/body.ts';
import { BadRequestError, parseSubmission } from '../../src/server/http/form-request.ts';
import { parseStaffBody, StaffBodyError } from '../../src/server/staff/body.ts';

/**
 * A body that streams in 64 KB chunks with no Content-Length (as chunked uploads do), counting
 * how many chunks the reader pulled, so a test can see that reading stopped at the limit.
 */
function streamingPost(totalChunks: number, contentType: string, headers: Record<string, string> = {}) {
  let pulled = 0;
  const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (pulled > totalChunks) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const request = new Request('http://local/api/x', {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('one streaming body reader (src/server/http/body.ts)', () => {
  it('stops reading a body with no Content-Length as soon as it passes the limit', async () => {
    // 160 chunks of 64 KB = 10 MB on offer; the limit is 256 KB.
    const post = streamingPost(160, 'application/x-www-form-urlencoded');
    await expect(readBodyAtMost(post.request, 256 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(post.pulled()).toBeLessThanOrEqual(6);
  });

  it('does not trust a Content-Length that says less than is sent', async () => {
    const post = streamingPost(40, 'application/json', { 'content-length': '10' });
    await expect(readBodyAtMost(post.request, 256 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('returns a body within the limit whole', async () => {
    const post = streamingPost(3, 'text/plain');
    expect((await readBodyAtMost(post.request, 256 * 1024)).byteLength).toBe(3 * 64 * 1024);
  });

  it('is what the public forms read with: an oversized chunked post is refused with 413 before it is all in memory', async () => {
    const post = streamingPost(160, 'application/x-www-form-urlencoded');
    const refused = await parseSubmission(post.request, 256 * 1024).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).status).toBe(413);
    expect(post.pulled()).toBeLessThanOrEqual(6);
  });

  it('is what the staff back office reads with', async () => {
    const post = streamingPost(160, 'application/x-www-form-urlencoded');
    const refused = await parseStaffBody(post.request).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StaffBodyError);
    expect((refused as StaffBodyError).status).toBe(413);
    expect(post.pulled()).toBeLessThanOrEqual(6);
  });
});
