/**
 * Bodies made whole in memory (every function page, see page.ts), by their response. The local
 * server's compression (compression.ts) compresses such an answer from the text itself, instead of
 * reading it back through the response's stream and waiting a turn of the event loop to learn that
 * no more is coming: under load those were a few per cent of the server's CPU on the opt-out
 * journey, and a turn's delay on every page. On Netlify nothing reads this; the CDN compresses.
 */
const wholeBodies = new WeakMap<Response, string>();

/** A response whose body is the text given, known to be whole. */
export function wholeTextResponse(body: string, init: ResponseInit): Response {
  const response = new Response(body, init);
  wholeBodies.set(response, body);
  return response;
}

/** The whole body of a response made by wholeTextResponse, if this is one. */
export function wholeBodyOf(response: Response): string | undefined {
  return wholeBodies.get(response);
}
