import type { MessageKey } from '../../i18n/t.ts';

/**
 * What a stored delivery error (outbox_messages.last_error, "MailDeliveryError: … <- Error:
 * connect ECONNREFUSED …") means, as a sentence staff can act on. The raw text names exception
 * classes and socket codes that mean nothing to the people who read the mail page; it stays in
 * the server log for whoever fixes the mail route. First match wins, most specific first.
 */
const PROBLEMS: readonly [RegExp, MessageKey][] = [
  [/ECONNREFUSED/, 'staffQueues.mail.problem.refused'],
  [/ENOTFOUND|EAI_AGAIN|EDNS/, 'staffQueues.mail.problem.notFound'],
  [
    /ETIMEDOUT|ESOCKET|ECONNRESET|timed? ?out|Greeting never received|Connection closed/i,
    'staffQueues.mail.problem.noAnswer',
  ],
  [/EAUTH|Invalid login|authentication/i, 'staffQueues.mail.problem.login'],
  [/ETLS|certificate|self[- ]signed|TLS/i, 'staffQueues.mail.problem.secure'],
  [/EENVELOPE|recipients were rejected|\b55[0-3]\b|mailbox/i, 'staffQueues.mail.problem.address'],
  [/\b4\d\d\b/, 'staffQueues.mail.problem.later'],
  [/\b5\d\d\b/, 'staffQueues.mail.problem.rejected'],
  [/mail folder|ENOSPC|EACCES/, 'staffQueues.mail.problem.folder'],
  [/Unknown email template|ZodError|Invalid input|decrypt|key/i, 'staffQueues.mail.problem.prepare'],
];

/** The plain-words sentence for a stored delivery error (a general one when nothing matches). */
export function deliveryProblem(lastError: string | null): MessageKey {
  if (lastError === null) return 'staffQueues.mail.problem.unknown';
  return PROBLEMS.find(([pattern]) => pattern.test(lastError))?.[1] ?? 'staffQueues.mail.problem.unknown';
}
