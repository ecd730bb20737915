import { z } from 'zod/mini';
import { type CalendarDate, parseDateFields } from '../../domain/calendar-date.ts';
import { type NhsNumber, parseNhsNumber } from '../../domain/nhs-number.ts';
import { ageFitsRoute, isProxyRoute, OPT_OUT_ROUTES, type OptOutRoute } from '../../domain/opt-out.ts';
import { type UkPhoneNumber, ukPhoneNumberSchema } from '../../domain/phone.ts';
import { type Postcode, postcodeSchema } from '../../domain/postcode.ts';
import { type MessageKey, t } from '../../i18n/t.ts';
import { memoize } from './memoize.ts';

/**
 * The online opt-out form: one schema for the browser's live validation, the function's
 * decision and the printable paper form. Each field carries its label (and hint) as UI-string
 * keys registered in zod's global registry, so the three can never disagree about what is asked.
 *
 * Input is what a browser posts: flat strings, the date as three boxes. Rules that depend on
 * other answers (address needed without an NHS number, the age a route allows, at least one way
 * to contact) are applied in one pass, in page order, so the error summary lists every problem
 * in the order the person meets the fields.
 */
const text = () => z._default(z.string(), '');
/** A posted text field with the labels the paper form and the components read (zod's global registry). */
const field = (m: OptOutFieldMeta) => text().register(z.globalRegistry, m);

/** Metadata the paper form and the form components read: UI-string keys, never inline text. */
export type OptOutFieldMeta = {
  /** Which part of the form the field is in (headings on the page and the paper form). */
  section: 'who' | 'applicant' | 'patient' | 'contact' | 'declaration';
  label: MessageKey;
  hint?: MessageKey;
  /** Only for someone else (proxy routes). */
  proxyOnly?: boolean;
  options?: readonly { value: string; label: MessageKey }[];
};

export const optOutInputShape = {
  /** Who the opt-out is for: "self" (13 or over), "child" (under 13), "lpa" or "deputy" (an adult). */
  who: field({
    section: 'who',
    label: 'optOut.who.legend',
    options: OPT_OUT_ROUTES.map((value) => ({ value, label: `optOut.who.${value}` as const })),
  }),
  /** The full name of the person asking for someone else. Proxy routes only. */
  applicantName: field({
    section: 'applicant',
    label: 'optOut.applicantName.label',
    proxyOnly: true,
  }),
  /** How the person asking is related to the patient, in their words ("mother"). Proxy routes only. */
  applicantRelationship: field({
    section: 'applicant',
    label: 'optOut.applicantRelationship.label',
    hint: 'optOut.applicantRelationship.hint',
    proxyOnly: true,
  }),
  /** The patient's full name, as their GP practice knows it. */
  fullName: field({
    section: 'patient',
    label: 'optOut.fullName.label',
  }),
  /** Day of the patient's date of birth (the NHS.UK date input posts three boxes). */
  dateOfBirthDay: field({
    section: 'patient',
    label: 'optOut.dateOfBirth.legend',
    hint: 'optOut.dateOfBirth.hint',
  }),
  /** Month of birth: a number or a month name. */
  dateOfBirthMonth: text(),
  /** Year of birth: four digits. */
  dateOfBirthYear: text(),
  /** "yes" if the NHS number is known, "no" if not (then the address is required). */
  nhsNumberKnown: field({
    section: 'patient',
    label: 'optOut.nhsNumberKnown.legend',
    options: [
      { value: 'yes', label: 'optOut.nhsNumberKnown.yes' },
      { value: 'no', label: 'optOut.nhsNumberKnown.no' },
    ],
  }),
  /** The 10-digit NHS number, with or without spaces; checked with its Modulus 11 digit. */
  nhsNumber: field({
    section: 'patient',
    label: 'optOut.nhsNumber.label',
    hint: 'optOut.nhsNumber.hint',
  }),
  /** First line of the home address. Required when the NHS number is not known. */
  addressLine1: field({
    section: 'patient',
    label: 'optOut.addressLine1.label',
    hint: 'optOut.address.hint',
  }),
  /** Second line of the address. Optional. */
  addressLine2: field({
    section: 'patient',
    label: 'optOut.addressLine2.label',
  }),
  /** Town or city. Required when the NHS number is not known. */
  town: field({
    section: 'patient',
    label: 'optOut.town.label',
  }),
  /** UK postcode (format checked). Required unless `noPostcode` is "yes". */
  postcode: field({
    section: 'patient',
    label: 'optOut.postcode.label',
  }),
  /** "yes" when the person has no UK postcode (BFPO, abroad, no fixed address). */
  noPostcode: field({
    section: 'patient',
    label: 'optOut.noPostcode.label',
  }),
  /** Email for the reference and the confirmation link. Optional if a phone number is given. */
  email: field({
    section: 'contact',
    label: 'optOut.email.label',
    hint: 'optOut.email.hint',
  }),
  /** UK phone number. Optional if an email address is given. */
  phone: field({
    section: 'contact',
    label: 'optOut.phone.label',
    hint: 'optOut.phone.hint',
  }),
  /** "yes": the declaration on the check-your-answers page. Required to send, not to check. */
  declaration: field({
    section: 'declaration',
    label: 'optOut.declaration.label',
  }),
};

/** The raw fields, as posted. */
export type OptOutInput = z.input<z.ZodMiniObject<typeof optOutInputShape>>;
export type OptOutFieldName = keyof typeof optOutInputShape;

/** A validated request, ready to be encrypted and stored. */
export interface OptOutAnswers {
  route: OptOutRoute;
  applicant: { name: string; relationship: string } | null;
  patient: {
    fullName: string;
    dateOfBirth: CalendarDate;
    nhsNumber: NhsNumber | null;
    address: { line1: string; line2: string; town: string; postcode: Postcode | null };
  };
  contact: { email: string | null; phone: UkPhoneNumber | null };
}

/** Field schemas, each with its plain-words messages. */
const oneSpaced = z.transform((value: string) => value.replace(/\s+/g, ' '));
const requiredText = memoize((required: MessageKey, tooLong: MessageKey, max: number = 100) =>
  z.pipe(z.string().check(z.trim(), z.minLength(1, t(required)), z.maxLength(max, t(tooLong))), oneSpaced),
);
const optionalText = memoize((tooLong: MessageKey, max: number = 100) =>
  z.pipe(z.string().check(z.trim(), z.maxLength(max, t(tooLong))), oneSpaced),
);
const emailField = memoize(() =>
  z.pipe(
    z.string().check(z.trim(), z.maxLength(254, t('optOut.email.error.invalid'))),
    z.email(t('optOut.email.error.invalid')),
  ),
);
const routeField = memoize(() => z.enum(OPT_OUT_ROUTES, { error: t('optOut.who.error.required') }));
const nhsNumberKnownField = memoize(() => z.enum(['yes', 'no'], { error: t('optOut.nhsNumberKnown.error.required') }));
const postcodeField = memoize(postcodeSchema);
const phoneField = memoize(ukPhoneNumberSchema);

/** Options for one use of the schema. */
export interface OptOutSchemaOptions {
  /** Today in England (`todayInLondon`): dates of birth must be before it and ages are counted on it. */
  today: CalendarDate;
  /** The declaration is asked for on the check-your-answers page; the first page does not have it. */
  requireDeclaration: boolean;
}

/** The opt-out form schema: raw posted fields in, `OptOutAnswers` out, or field errors in page order. */
export const optOutSchema = ({ today, requireDeclaration }: OptOutSchemaOptions) =>
  buildOptOutSchema(today, requireDeclaration);

const buildOptOutSchema = memoize((today: CalendarDate, requireDeclaration: boolean) =>
  z.pipe(
    z.object(optOutInputShape),
    z.transform((raw: z.output<z.ZodMiniObject<typeof optOutInputShape>>, ctx): OptOutAnswers => {
      const check = <T>(field: string, schema: z.ZodMiniType<T>, value: unknown): T | undefined => {
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        ctx.issues.push({
          code: 'custom',
          path: [field],
          message: result.error.issues[0]?.message ?? '',
          input: value,
        });
        return undefined;
      };
      const issue = (field: string, message: string) =>
        ctx.issues.push({ code: 'custom', path: [field], message, input: '' });
      const fail = (field: string, key: MessageKey) => issue(field, t(key));

      const route = check('who', routeField(), raw.who);
      // Without a route we cannot know whether "About you" applies; ask for it only when it does.
      const proxy = route !== undefined && isProxyRoute(route);
      const applicantName = proxy
        ? check(
            'applicantName',
            requiredText('optOut.applicantName.error.required', 'optOut.applicantName.error.tooLong'),
            raw.applicantName,
          )
        : '';
      const relationship = proxy
        ? check(
            'applicantRelationship',
            requiredText('optOut.applicantRelationship.error.required', 'optOut.applicantRelationship.error.tooLong'),
            raw.applicantRelationship,
          )
        : '';
      const fullName = check(
        'fullName',
        requiredText('optOut.fullName.error.required', 'optOut.fullName.error.tooLong'),
        raw.fullName,
      );

      const date = parseDateFields(
        { day: raw.dateOfBirthDay, month: raw.dateOfBirthMonth, year: raw.dateOfBirthYear },
        { label: 'Date of birth', relativeTo: { today, mustBe: 'past' } },
      );
      if (!date.ok) {
        ctx.issues.push({
          code: 'custom',
          path: ['dateOfBirth'],
          message: date.message,
          input: '',
          params: { parts: date.fields },
        });
      } else if (route !== undefined && !ageFitsRoute(route, date.date, today)) {
        fail(
          'dateOfBirth',
          route === 'self'
            ? 'optOut.dateOfBirth.error.selfTooYoung'
            : route === 'child'
              ? 'optOut.dateOfBirth.error.childTooOld'
              : 'optOut.dateOfBirth.error.adultOnly',
        );
      }

      const known = check('nhsNumberKnown', nhsNumberKnownField(), raw.nhsNumberKnown);
      let nhsNumber: NhsNumber | null = null;
      if (known === 'yes') {
        const parsed = parseNhsNumber(raw.nhsNumber);
        if (parsed.ok) nhsNumber = parsed.nhsNumber;
        else issue('nhsNumber', parsed.problem === 'empty' ? t('optOut.nhsNumber.error.required') : parsed.message);
      }

      // Without an NHS number the address is how the record is found, so it becomes required.
      const addressRequired = known === 'no';
      const line1 = check(
        'addressLine1',
        addressRequired
          ? requiredText('optOut.addressLine1.error.required', 'optOut.addressLine1.error.tooLong')
          : optionalText('optOut.addressLine1.error.tooLong'),
        raw.addressLine1,
      );
      const line2 = check('addressLine2', optionalText('optOut.addressLine2.error.tooLong'), raw.addressLine2);
      const town = check(
        'town',
        addressRequired
          ? requiredText('optOut.town.error.required', 'optOut.town.error.tooLong')
          : optionalText('optOut.town.error.tooLong'),
        raw.town,
      );
      const noPostcode = raw.noPostcode === 'yes';
      const postcode = noPostcode ? null : check('postcode', postcodeField(), raw.postcode);

      const email = raw.email.trim() === '' ? null : check('email', emailField(), raw.email);
      const phone = raw.phone.trim() === '' ? null : check('phone', phoneField(), raw.phone);
      if (raw.email.trim() === '' && raw.phone.trim() === '') fail('email', 'optOut.email.error.noContact');

      if (requireDeclaration && raw.declaration !== 'yes') fail('declaration', 'optOut.declaration.error.required');

      if (ctx.issues.length > 0 || route === undefined || fullName === undefined || !date.ok) return z.NEVER;
      return {
        route,
        applicant: proxy ? { name: applicantName ?? '', relationship: relationship ?? '' } : null,
        patient: {
          fullName,
          dateOfBirth: date.date,
          nhsNumber,
          address: { line1: line1 ?? '', line2: line2 ?? '', town: town ?? '', postcode: postcode ?? null },
        },
        contact: { email: email ?? null, phone: phone ?? null },
      };
    }),
  ),
);

/** The order fields appear on the page, for the error summary and the check-your-answers list. */
export const OPT_OUT_FIELD_ORDER = [
  'who',
  'applicantName',
  'applicantRelationship',
  'evidence',
  'fullName',
  'dateOfBirth',
  'nhsNumberKnown',
  'nhsNumber',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
  'email',
  'phone',
  'declaration',
] as const;
