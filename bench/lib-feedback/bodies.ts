import { randomUUID } from 'node:crypto';

/**
 * Distinct, valid contact-form submissions for the feedback benches: a third are complaints with
 * an email reply (so the outbox is written too), a third anonymous questions, a third rights
 * requests with identity details, which is the heaviest row to encrypt.
 */
export function feedbackBody(n: number, idempotencyKey: string = randomUUID()): Record<string, string> {
  const common = { idempotencyKey, message: `Bench message ${n}: how is my record kept safe?` };
  switch (n % 3) {
    case 0:
      return {
        ...common,
        type: 'complaint',
        aboutOwnRecord: 'no',
        replyBy: 'email',
        email: `bench-${n}@example.com`,
        name: `Bench Person ${n}`,
      };
    case 1:
      return { ...common, type: 'question', replyBy: 'none' };
    default:
      return {
        ...common,
        type: 'rights-request',
        rightsRequest: 'see',
        replyBy: 'email',
        email: `bench-${n}@example.com`,
        name: `Bench Person ${n}`,
        dateOfBirthDay: String((n % 28) + 1),
        dateOfBirthMonth: String((n % 12) + 1),
        dateOfBirthYear: String(1940 + (n % 60)),
        postcode: 'AW1 2BT',
      };
  }
}
