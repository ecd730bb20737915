import { z } from 'zod/mini';
import { type CalendarDate, parseDateFields, todayInLondon } from '../../domain/calendar-date.ts';
import { EMAIL_MAX_LENGTH } from '../../domain/email-address.ts';
import {
  FEEDBACK_TYPES,
  type FeedbackType,
  needsIdentity,
  needsReply,
  REPLY_METHODS,
  RIGHTS_REQUEST_KINDS,
  type RightsRequestKind,
} from '../../domain/feedback.ts';
import { parseUkPhoneNumber, type UkPhoneNumber } from '../../domain/phone.ts';
import { type Postcode, parsePostcode } from '../../domain/postcode.ts';
import { type MessageKey, t } from '../../i18n/t.ts';
import { memoize } from './memoize.ts';

/** Longest message accepted, stated in the hint so nobody writes more and loses it. */
export const MESSAGE_MAX_LENGTH = 5000;
/** Longest "which page or topic" answer. */
export const TOPIC_MAX_LENGTH = 200;
/** Longest name and address line. */
export const NAME_MAX_LENGTH = 100;

/** A posted value as text: trimmed; anything that is not a string (a JSON number, a list) counts as empty. */
const posted = () =>
  z.pipe(
    z.optional(z.unknown()),
    z.transform((value: unknown) => (typeof value === 'string' ? value.trim() : '')),
  );

/**
 * The contact form (/contact/) as posted: every field is text, as a browser sends it. The same
 * object arrives from a JSON caller. Which fields matter depends on the answers, so the rules are
 * in `feedbackFormSchema`'s transform, in page order, so the error summary lists them top to bottom.
 */
const feedbackFormFields = memoize(() =>
  z.object({
    /** What it is about: one of FEEDBACK_TYPES. Required. */
    type: posted(),
    /** For a rights request: see, correct, object or delete. Required then; ignored otherwise. */
    rightsRequest: posted(),
    /** For a complaint: "yes" when it is about the person's own record (then we ask who they are). */
    aboutOwnRecord: posted(),
    /** The message, up to 5,000 characters. Required. Encrypted at rest. */
    message: posted(),
    /** Which page or topic it is about, up to 200 characters. Optional. */
    topic: posted(),
    /** How to reply: email, phone, post, or none (anonymous; not allowed for a rights request). */
    replyBy: posted(),
    /** The email address, when replyBy is "email". */
    email: posted(),
    /** A UK phone number, when replyBy is "phone". */
    phone: posted(),
    /** First address line, when replyBy is "post". */
    addressLine1: posted(),
    /** Second address line, optional. */
    addressLine2: posted(),
    /** Town or city, when replyBy is "post". */
    addressTown: posted(),
    /** Postcode of the postal address, when replyBy is "post". */
    addressPostcode: posted(),
    /** Full name: when a reply is wanted or the person's record must be found. */
    name: posted(),
    /** Date of birth, as the three boxes of the NHS.UK date input: only to find the person's record. */
    dateOfBirthDay: posted(),
    dateOfBirthMonth: posted(),
    dateOfBirthYear: posted(),
    /** Home postcode, to find the record; not asked again when a postal address was given. */
    postcode: posted(),
    /** "yes" when the person has no UK postcode (BFPO, abroad): their record is found by name and date of birth. */
    noPostcode: posted(),
  }),
);

/** How the person wants a reply, with only the contact detail that reply needs. */
export type FeedbackReply =
  | { readonly by: 'none' }
  | { readonly by: 'email'; readonly email: string }
  | { readonly by: 'phone'; readonly phone: UkPhoneNumber }
  | { readonly by: 'post'; readonly address: { readonly lines: readonly string[]; readonly postcode: Postcode } };

/** A valid contact form submission, holding only what the answers call for. */
export interface FeedbackSubmission {
  readonly type: FeedbackType;
  readonly rightsRequest: RightsRequestKind | null;
  readonly aboutOwnRecord: boolean;
  readonly message: string;
  readonly topic: string | null;
  readonly reply: FeedbackReply;
  /** Null for anonymous feedback. */
  readonly name: string | null;
  /** What finds the person's record; null unless `needsIdentity`. Postcode null: no UK postcode. */
  readonly identity: { readonly dateOfBirth: CalendarDate; readonly postcode: Postcode | null } | null;
}

const emailFormat = memoize(() => z.email());

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  list.some((item) => item === value);

/**
 * The contact form's rules, run in the browser as people type and again in the function. `today`
 * (for "date of birth must be in the past") defaults to today in London at the moment of checking.
 */
export const feedbackFormSchema = (options: { today?: CalendarDate } = {}) =>
  buildFeedbackFormSchema(options.today ?? '');

/** Built once per fixed `today` ('' means "today at the moment of checking"); see memoize.ts. */
const buildFeedbackFormSchema = memoize((fixedToday: CalendarDate | '') => {
  const options = { today: fixedToday === '' ? undefined : fixedToday };
  const fields = feedbackFormFields();
  return z.pipe(
    fields,
    z.transform((raw: z.output<typeof fields>, context): FeedbackSubmission => {
      const fail = (path: string, key: MessageKey | string, isKey = true) => {
        context.issues.push({ code: 'custom', path: [path], message: isKey ? t(key as MessageKey) : key, input: raw });
      };

      const type = isOneOf(FEEDBACK_TYPES, raw.type) ? raw.type : undefined;
      if (!type) fail('type', 'feedback.errors.type.required');
      const rightsRequest = isOneOf(RIGHTS_REQUEST_KINDS, raw.rightsRequest) ? raw.rightsRequest : null;
      if (type === 'rights-request' && !rightsRequest) fail('rightsRequest', 'feedback.errors.rightsRequest.required');
      if (type === 'complaint' && raw.aboutOwnRecord !== 'yes' && raw.aboutOwnRecord !== 'no') {
        fail('aboutOwnRecord', 'feedback.errors.aboutOwnRecord.required');
      }
      const aboutOwnRecord = type === 'complaint' && raw.aboutOwnRecord === 'yes';

      if (raw.message === '') fail('message', 'feedback.errors.message.required');
      else if (raw.message.length > MESSAGE_MAX_LENGTH) fail('message', 'feedback.errors.message.tooLong');
      if (raw.topic.length > TOPIC_MAX_LENGTH) fail('topic', 'feedback.errors.topic.tooLong');

      const replyBy = isOneOf(REPLY_METHODS, raw.replyBy) ? raw.replyBy : undefined;
      if (!replyBy) fail('replyBy', 'feedback.errors.replyBy.required');
      else if (replyBy === 'none' && needsReply(type)) {
        fail(
          'replyBy',
          type === 'lay-partner' ? 'feedback.errors.replyBy.neededLayPartner' : 'feedback.errors.replyBy.needed',
        );
      }

      let reply: FeedbackReply = { by: 'none' };
      if (replyBy === 'email') {
        if (raw.email === '') fail('email', 'feedback.errors.email.required');
        else if (raw.email.length > EMAIL_MAX_LENGTH || !emailFormat().safeParse(raw.email).success) {
          fail('email', 'feedback.errors.email.invalid');
        } else reply = { by: 'email', email: raw.email };
      }
      if (replyBy === 'phone') {
        const phone = parseUkPhoneNumber(raw.phone);
        if (phone.ok) reply = { by: 'phone', phone: phone.e164 };
        else if (phone.problem === 'empty') fail('phone', 'feedback.errors.phone.required');
        else fail('phone', phone.message, false);
      }
      if (replyBy === 'post') {
        if (raw.addressLine1 === '') fail('addressLine1', 'feedback.errors.addressLine1.required');
        else if (raw.addressLine1.length > NAME_MAX_LENGTH) fail('addressLine1', 'feedback.errors.addressLine.tooLong');
        if (raw.addressLine2.length > NAME_MAX_LENGTH) fail('addressLine2', 'feedback.errors.addressLine.tooLong');
        if (raw.addressTown === '') fail('addressTown', 'feedback.errors.addressTown.required');
        else if (raw.addressTown.length > NAME_MAX_LENGTH) fail('addressTown', 'feedback.errors.addressLine.tooLong');
        const postcode = parsePostcode(raw.addressPostcode);
        if (!postcode.ok) {
          if (postcode.problem === 'empty') fail('addressPostcode', 'feedback.errors.addressPostcode.required');
          else fail('addressPostcode', postcode.message, false);
        } else if (raw.addressLine1 && raw.addressTown) {
          const lines = [raw.addressLine1, raw.addressLine2, raw.addressTown].filter((line) => line !== '');
          reply = { by: 'post', address: { lines, postcode: postcode.postcode } };
        }
      }

      const identityNeeded = needsIdentity(type, aboutOwnRecord);
      const nameNeeded = identityNeeded || (replyBy !== undefined && replyBy !== 'none');
      if (nameNeeded && raw.name === '') fail('name', 'feedback.errors.name.required');
      else if (nameNeeded && raw.name.length > NAME_MAX_LENGTH) fail('name', 'feedback.errors.name.tooLong');

      let identity: FeedbackSubmission['identity'] = null;
      if (identityNeeded) {
        const dateOfBirth = parseDateFields(
          { day: raw.dateOfBirthDay, month: raw.dateOfBirthMonth, year: raw.dateOfBirthYear },
          {
            label: t('feedback.form.dateOfBirth.legend'),
            emptyMessage: t('feedback.errors.dateOfBirth.required'),
            relativeTo: { today: options.today ?? todayInLondon(new Date()), mustBe: 'past' },
          },
        );
        if (!dateOfBirth.ok) fail('dateOfBirth', dateOfBirth.message, false);
        // A postal address already gives us a postcode: never ask for the same thing twice (WCAG 3.3.7).
        let postcode: Postcode | null = null;
        if (reply.by === 'post') postcode = reply.address.postcode;
        else if (replyBy === 'post')
          postcode = null; // the address has its own error above
        else if (raw.postcode !== '') {
          const parsed = parsePostcode(raw.postcode);
          if (parsed.ok) postcode = parsed.postcode;
          else fail('postcode', parsed.message, false);
        } else if (raw.noPostcode !== 'yes') fail('postcode', 'feedback.errors.postcode.required');
        if (dateOfBirth.ok) identity = { dateOfBirth: dateOfBirth.date, postcode };
      }

      if (!type || !replyBy) return z.NEVER;
      return {
        type,
        rightsRequest: type === 'rights-request' ? rightsRequest : null,
        aboutOwnRecord,
        message: raw.message,
        topic: raw.topic === '' ? null : raw.topic,
        reply,
        name: nameNeeded ? raw.name : null,
        identity,
      };
    }),
  );
});

/** What the form fields looked like as posted, to put back in the boxes when there are errors. */
export type FeedbackFormValues = Partial<Record<keyof z.input<ReturnType<typeof feedbackFormFields>>, string>>;

/** Picks the form's own fields from a posted body, as strings, for redisplay. */
export function feedbackFormValues(fields: Record<string, unknown>): FeedbackFormValues {
  const shape = feedbackFormFields().shape;
  const values: FeedbackFormValues = {};
  for (const name of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = fields[name];
    if (typeof value === 'string') values[name] = value;
  }
  return values;
}
