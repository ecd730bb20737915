/**
 * What people send through the single feedback point (/contact/), and how staff track it.
 * Pure data and rules, shared by the form in the browser, the function and the staff screens.
 */

/**
 * What a message is about. "rights-request" is a UK GDPR request about the person's own information.
 * "lay-partner" is an offer to join the lay partner group (/governance/#join): it comes through the
 * same front door and queue as everything else, so it is answered on a clock like any message.
 */
export const FEEDBACK_TYPES = [
  'question',
  'concern',
  'complaint',
  'compliment',
  'suggestion',
  'rights-request',
  'lay-partner',
] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

/**
 * The UK GDPR rights a person can use through the form: access (Art. 15), rectification (Art. 16),
 * objection (Art. 21) and erasure (Art. 17).
 */
export const RIGHTS_REQUEST_KINDS = ['see', 'correct', 'object', 'delete'] as const;
export type RightsRequestKind = (typeof RIGHTS_REQUEST_KINDS)[number];

/** How the person wants a reply; "none" keeps feedback anonymous. */
export const REPLY_METHODS = ['email', 'phone', 'post', 'none'] as const;
export type ReplyMethod = (typeof REPLY_METHODS)[number];

/** Where an item is in its handling. Staff move it forward; "closed" is the end. */
export const FEEDBACK_STATUSES = ['new', 'acknowledged', 'in-progress', 'answered', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/**
 * True when we must find the person's own record to act: a rights request always, a complaint
 * only when it is about their own record. Only then do we ask for date of birth and postcode
 * (data minimisation, UK GDPR Art. 5(1)(c)).
 */
export function needsIdentity(type: FeedbackType | undefined, aboutOwnRecord: boolean): boolean {
  return type === 'rights-request' || (type === 'complaint' && aboutOwnRecord);
}

/**
 * True when anonymous feedback is not possible: a rights request must be answered (Art. 12(3)),
 * and an offer to join the lay partners cannot be taken up without a way to reach the person.
 */
export function needsReply(type: FeedbackType | undefined): boolean {
  return type === 'rights-request' || type === 'lay-partner';
}

/** Statuses after which the complaint acknowledgement clock has stopped. */
export function isAcknowledged(status: FeedbackStatus): boolean {
  return status !== 'new';
}

/** Statuses after which the answer clock has stopped. */
export function isAnswered(status: FeedbackStatus): boolean {
  return status === 'answered' || status === 'closed';
}
