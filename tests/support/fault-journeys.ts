import { randomUUID } from 'node:crypto';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import { feedbackBody } from '../../bench/lib-feedback/bodies.ts';
import feedback from '../../functions/feedback.ts';
import optOut from '../../functions/opt-out.ts';
import optOutSubmit from '../../functions/opt-out-submit.ts';
import { jsonToFormFields } from '../../src/server/opt-out/json-input.ts';
import { postJson } from './handlers.ts';

/**
 * The four ways a person sends something: the opt-out and the contact form, each from a script
 * (JSON) or as a plain form post without JavaScript (HTML answers). `prepare` runs while the
 * database is up (the no-JavaScript opt-out keeps its answers in a draft before "Send request");
 * `send` is the moment of submission, which the fault tests make fail.
 */
export interface Journey {
  name: string;
  answers: 'json' | 'html';
  start(n: number, ip: string): Promise<{ send(): Promise<Response> }>;
}

const formPost = (
  handler: typeof optOut,
  path: string,
  fields: Record<string, string>,
  ip: string,
  headers: Record<string, string> = {},
) =>
  handler(
    new Request(`http://local${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
    { params: {}, ip },
  );

export const journeys: Journey[] = [
  {
    name: 'an opt-out sent as JSON',
    answers: 'json',
    start: async (n, ip) => {
      const body = optOutBody(n);
      return { send: () => postJson(optOut, '/api/opt-out', body, ip) };
    },
  },
  {
    name: 'an opt-out sent without JavaScript',
    answers: 'html',
    start: async (n, ip) => {
      const { fields } = jsonToFormFields(optOutBody(n));
      delete fields['declaration'];
      delete fields['idempotencyKey'];
      const draft = await formPost(optOut, '/api/opt-out', fields, ip);
      if (draft.status !== 303) throw new Error(`The opt-out form answered ${draft.status}, not 303`);
      const cookie = (draft.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const idempotencyKey = randomUUID();
      return {
        send: () =>
          formPost(optOutSubmit, '/api/opt-out/submit', { declaration: 'yes', idempotencyKey }, ip, { cookie }),
      };
    },
  },
  {
    name: 'a complaint sent as JSON',
    answers: 'json',
    start: async (n, ip) => {
      const body = feedbackBody(n * 3);
      return { send: () => postJson(feedback, '/api/feedback', body, ip) };
    },
  },
  {
    name: 'a complaint sent without JavaScript',
    answers: 'html',
    start: async (n, ip) => {
      const fields = feedbackBody(n * 3);
      return { send: () => formPost(feedback, '/api/feedback', fields, ip) };
    },
  },
];

/** The reference shown to the person, from a JSON answer or a confirmation page (3rd and 6th characters digits). */
export async function referenceIn(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && 'reference' in body && typeof body.reference === 'string'
      ? body.reference
      : undefined;
  }
  return /\b([A-HJ-NPR-Y2-9]{2}[2-9][A-HJ-NPR-Y2-9]{2}[2-9][A-HJ-NPR-Y2-9]{2})\b/.exec(text)?.[1];
}
