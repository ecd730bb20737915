import type { ReactNode } from 'react';
import {
  FEEDBACK_TYPES,
  type FeedbackType,
  needsIdentity,
  REPLY_METHODS,
  RIGHTS_REQUEST_KINDS,
} from '../../domain/feedback.ts';
import { t } from '../../i18n/t.ts';
import type { FeedbackFormValues } from '../../schemas/forms/feedback.ts';
import {
  Button,
  DateInput,
  EmailInput,
  PostedForm,
  type PostedFormState,
  Radios,
  SingleCheckbox,
  Textarea,
  TextInput,
} from '../components/index.ts';
import { dateParts } from '../date-parts.ts';
import { errorsByField } from '../validation.ts';

/** The answers that decide which questions are shown (with JavaScript). */
export interface ContactFormAnswers {
  type?: string | undefined;
  aboutOwnRecord?: string | undefined;
  replyBy?: string | undefined;
}

interface Props extends PostedFormState {
  /** What the person typed, put back after errors. */
  values?: FeedbackFormValues | undefined;
  /**
   * With JavaScript, the current answers: only the questions they call for are shown. Without it
   * (undefined), every question is shown with a hint saying when it is needed, so the form still works.
   */
  reveal?: ContactFormAnswers | undefined;
}

/**
 * The contact form: one front door for questions, concerns, complaints, compliments, suggestions
 * and rights requests. Rendered to static HTML by Astro, hydrated by src/islands/FeedbackForm.tsx,
 * and rendered again by the function with errors and values when JavaScript is off.
 */
export function ContactForm({ values = {}, reveal, ...state }: Props) {
  const error = errorsByField(state.errors ?? []);
  const shows = (name: keyof ContactFormAnswers, value: string) => reveal === undefined || reveal[name] === value;
  const type = (reveal?.type ?? '') as FeedbackType;
  const identityNeeded = reveal === undefined || needsIdentity(type, reveal.aboutOwnRecord === 'yes');
  const replyWanted = reveal?.replyBy !== undefined && reveal.replyBy !== 'none';
  const aboutYouShown = reveal === undefined || identityNeeded || replyWanted;

  const typeConditional: Partial<Record<FeedbackType, ReactNode>> = {
    complaint: shows('type', 'complaint') ? (
      <Radios
        name="aboutOwnRecord"
        legend={t('feedback.form.aboutOwnRecord.legend')}
        hint={t('feedback.form.aboutOwnRecord.hint')}
        options={[
          { value: 'yes', label: t('feedback.form.aboutOwnRecord.yes') },
          { value: 'no', label: t('feedback.form.aboutOwnRecord.no') },
        ]}
        value={values.aboutOwnRecord}
        error={error['aboutOwnRecord']}
      />
    ) : undefined,
    'rights-request': shows('type', 'rights-request') ? (
      <Radios
        name="rightsRequest"
        legend={t('feedback.form.rightsRequest.legend')}
        options={RIGHTS_REQUEST_KINDS.map((kind) => ({ value: kind, label: t(`feedback.form.rightsRequest.${kind}`) }))}
        value={values.rightsRequest}
        error={error['rightsRequest']}
      />
    ) : undefined,
  };

  const replyConditional = {
    email: shows('replyBy', 'email') ? (
      <EmailInput
        label={t('feedback.form.email.label')}
        hint={t('feedback.form.email.hint')}
        value={values.email}
        error={error['email']}
      />
    ) : undefined,
    phone: shows('replyBy', 'phone') ? (
      <TextInput
        name="phone"
        type="tel"
        width={20}
        label={t('feedback.form.phone.label')}
        hint={t('feedback.form.phone.hint')}
        autoComplete="tel"
        value={values.phone}
        error={error['phone']}
      />
    ) : undefined,
    post: shows('replyBy', 'post') ? (
      <>
        <TextInput
          name="addressLine1"
          label={t('feedback.form.addressLine1.label')}
          autoComplete="address-line1"
          value={values.addressLine1}
          error={error['addressLine1']}
        />
        <TextInput
          name="addressLine2"
          label={t('feedback.form.addressLine2.label')}
          autoComplete="address-line2"
          value={values.addressLine2}
          error={error['addressLine2']}
        />
        <TextInput
          name="addressTown"
          width={20}
          label={t('feedback.form.addressTown.label')}
          autoComplete="address-level2"
          value={values.addressTown}
          error={error['addressTown']}
        />
        <TextInput
          name="addressPostcode"
          width={10}
          label={t('feedback.form.addressPostcode.label')}
          autoComplete="postal-code"
          dir="ltr"
          value={values.addressPostcode}
          error={error['addressPostcode']}
        />
      </>
    ) : undefined,
    none: undefined,
  };

  return (
    <PostedForm action="/api/feedback" hidden={{ kind: 'contact' }} {...state}>
      <Radios
        name="type"
        legend={t('feedback.form.type.legend')}
        options={FEEDBACK_TYPES.map((value) => ({
          value,
          label: t(`feedback.form.type.${value}`),
          ...(value === 'rights-request' || value === 'lay-partner'
            ? { hint: t(`feedback.form.type.${value}.hint`) }
            : {}),
          conditional: typeConditional[value],
        }))}
        value={values.type}
        error={error['type']}
      />

      <Textarea
        name="message"
        rows={8}
        maxLength={5000}
        label={t('feedback.form.message.label')}
        hint={t('feedback.form.message.hint')}
        value={values.message}
        error={error['message']}
      />
      <TextInput
        name="topic"
        label={t('feedback.form.topic.label')}
        hint={t('feedback.form.topic.hint')}
        value={values.topic}
        error={error['topic']}
      />

      <Radios
        name="replyBy"
        legend={t('feedback.form.replyBy.legend')}
        hint={t('feedback.form.replyBy.hint')}
        options={REPLY_METHODS.map((value) => ({
          value,
          label: t(`feedback.form.replyBy.${value}`),
          ...(value === 'none' ? { hint: t('feedback.form.replyBy.none.hint') } : {}),
          conditional: replyConditional[value],
        }))}
        value={values.replyBy}
        error={error['replyBy']}
      />

      {aboutYouShown ? (
        <>
          <h2 className="nhsuk-heading-m">{t('feedback.form.about.legend')}</h2>
          {reveal === undefined || identityNeeded ? (
            <p className="nhsuk-hint">
              {reveal === undefined ? t('feedback.form.about.hint') : t('feedback.form.about.hintIdentity')}
            </p>
          ) : null}
          <TextInput
            name="name"
            autoComplete="name"
            spellCheck={false}
            label={t('feedback.form.name.label')}
            value={values.name}
            error={error['name']}
          />
          {identityNeeded ? (
            <DateInput
              name="dateOfBirth"
              legend={t('feedback.form.dateOfBirth.legend')}
              hint={t('feedback.form.dateOfBirth.hint')}
              value={dateParts(values, 'dateOfBirth')}
              error={error['dateOfBirth']}
            />
          ) : null}
          {identityNeeded && (reveal === undefined || reveal.replyBy !== 'post') ? (
            <PostcodeQuestion values={values} error={error['postcode']} />
          ) : null}
        </>
      ) : null}

      <Button>{t('feedback.form.submit')}</Button>
    </PostedForm>
  );
}

/** Home postcode, with a way out for people without one (BFPO, abroad): the check proves format only. */
function PostcodeQuestion({ values, error }: { values: FeedbackFormValues; error: string | undefined }) {
  return (
    <>
      <TextInput
        name="postcode"
        width={10}
        autoComplete="postal-code"
        dir="ltr"
        label={t('feedback.form.postcode.label')}
        hint={t('feedback.form.postcode.hint')}
        value={values.postcode}
        error={error}
      />
      <SingleCheckbox
        name="noPostcode"
        label={t('feedback.form.noPostcode.label')}
        checked={values.noPostcode === 'yes'}
      />
    </>
  );
}
