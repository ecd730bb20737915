import type { ShownQuestion } from '../../domain/consultation-translation.ts';
import { FREE_TEXT_MAX, SCALE_VALUES } from '../../domain/consultations.ts';
import { t } from '../../i18n/t.ts';
import type { ConsultationData } from '../../schemas/consultation.ts';
import { answerField, type ConsultationFormValues } from '../../schemas/forms/consultation-answer.ts';
import {
  Button,
  Checkboxes,
  EmailInput,
  PostedForm,
  type PostedFormState,
  Radios,
  SingleCheckbox,
  Textarea,
  TextInput,
} from '../components/index.ts';
import { errorsByField } from '../validation.ts';

/** The form posts here; the consultation's address travels in a hidden field. */
export const ANSWER_ACTION = '/api/consultations/answer';

interface Props extends PostedFormState {
  /** The consultation's address (its content file name). */
  slug: string;
  /** The questions as the reader's language shows them: a translation's words on the English values. */
  consultation: Pick<ConsultationData, 'anonymous'> & { questions: readonly ShownQuestion[] };
  values?: ConsultationFormValues | undefined;
}

const text = (value: string | readonly string[] | undefined) => (typeof value === 'string' ? value : undefined);
const list = (value: string | readonly string[] | undefined) =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/**
 * A question's options: each posts the English option's text, which the function checks and the
 * results count, and shows its words in the reader's language (the English text where none).
 */
const choiceOptions = (question: ShownQuestion) =>
  question.options.map((option, index) => ({ value: option, label: question.labels?.[index] ?? option }));

/** A single choice's options, or the 1 to 5 scale with the words for its ends (the middle needs none). */
function radioOptions(question: ShownQuestion) {
  const options = choiceOptions(question);
  if (question.kind !== 'scale') return options;
  const [low = '', high = ''] = options.map((option) => option.label);
  const label = (scale: string) =>
    scale === '1'
      ? t('consultations.form.scaleLow', { words: low })
      : scale === '5'
        ? t('consultations.form.scaleHigh', { words: high })
        : scale;
  return SCALE_VALUES.map((scale) => ({ value: scale, label: label(scale) }));
}

/** One question with the NHS.UK component for its kind; its number starts the legend, as the messages name it. */
function Question({
  question,
  number,
  value,
  error,
}: {
  question: ShownQuestion;
  number: number;
  value: string | readonly string[] | undefined;
  error: string | undefined;
}) {
  const name = answerField(question);
  const legend =
    t('consultations.form.question', { number: String(number), text: question.text }) +
    (question.required ? '' : ` ${t('consultations.form.optional')}`);
  switch (question.kind) {
    case 'multiple':
      return (
        <Checkboxes
          name={name}
          legend={legend}
          hint={question.hint}
          options={choiceOptions(question)}
          values={list(value)}
          error={error}
        />
      );
    case 'single':
    case 'scale':
      return (
        <Radios
          name={name}
          legend={legend}
          hint={question.hint}
          options={radioOptions(question)}
          value={text(value) ?? list(value)[0]}
          error={error}
        />
      );
    case 'text':
      return (
        <Textarea
          name={name}
          label={legend}
          hint={[question.hint, t('consultations.form.textHint', { max: String(FREE_TEXT_MAX) })]
            .filter(Boolean)
            .join(' ')}
          value={text(value)}
          error={error}
          maxLength={FREE_TEXT_MAX}
        />
      );
  }
}

/**
 * A consultation's answer form: rendered to static HTML by Astro on /consultations/<slug>/,
 * hydrated by src/islands/ConsultationForm.tsx for live validation, and rendered again by the
 * resident-submission function with errors (no JavaScript). No sign-in and nothing personal is
 * needed; the name (only when the consultation is not anonymous) and the email are optional.
 */
export function ConsultationForm({ slug, consultation, values = {}, ...state }: Props) {
  const error = errorsByField(state.errors ?? []);
  const asksForText = consultation.questions.some((question) => question.kind === 'text');
  return (
    <PostedForm action={ANSWER_ACTION} noValidate hidden={{ consultation: slug }} {...state}>
      {consultation.questions.map((question, index) => (
        <Question
          key={question.id}
          question={question}
          number={index + 1}
          value={values[answerField(question)]}
          error={error[answerField(question)]}
        />
      ))}
      {asksForText ? (
        <>
          <p className="nhsuk-body-s">{t('consultations.form.consentHint')}</p>
          <SingleCheckbox
            name="publishConsent"
            label={t('consultations.form.consent')}
            checked={values['publishConsent'] === 'yes'}
          />
        </>
      ) : null}
      {consultation.anonymous ? null : (
        <TextInput
          name="name"
          label={t('consultations.form.name')}
          autoComplete="name"
          value={text(values['name'])}
          error={error['name']}
        />
      )}
      <EmailInput
        label={t('consultations.form.email')}
        hint={t('consultations.form.emailHint')}
        value={text(values['email'])}
        error={error['email']}
      />
      <Button>{t('consultations.form.submit')}</Button>
    </PostedForm>
  );
}
