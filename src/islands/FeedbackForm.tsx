import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { ContactForm, type ContactFormAnswers } from '../forms/feedback/ContactForm.tsx';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { useLiveValidation } from '../forms/use-live-validation.ts';
import { inLanguage, type Language, t } from '../i18n/t.ts';
import { type FeedbackFormValues, feedbackFormSchema } from '../schemas/forms/feedback.ts';

const answersOf = (form: HTMLFormElement): ContactFormAnswers => {
  const data = new FormData(form);
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  return { type: text('type'), aboutOwnRecord: text('aboutOwnRecord'), replyBy: text('replyBy') };
};

/**
 * The contact form with JavaScript: only the questions the answers call for are shown, and each
 * answer is checked as the person goes, with the same zod schema the function uses. Until it has
 * hydrated (and for anyone without JavaScript) every question is shown, so the static HTML works.
 * A valid form is posted normally and the function's page shows the reference. `initialValues`
 * pre-selects answers in the static HTML, so a link such as "join the lay partner group" lands on
 * the form with its topic chosen, with or without JavaScript.
 */
export default function FeedbackForm({
  initialValues,
  lang = 'en',
}: {
  initialValues?: FeedbackFormValues | undefined;
  lang?: Language;
}) {
  const schema = useMemo(() => inLanguage(lang, () => feedbackFormSchema()), [lang]);
  const live = useLiveValidation(schema);
  const [answers, setAnswers] = useState<ContactFormAnswers | undefined>(undefined);
  const [idempotencyKey, setIdempotencyKey] = useState<string | undefined>(undefined);

  useEffect(() => {
    // After hydration, so the first render matches the static HTML exactly.
    const form = document.querySelector<HTMLFormElement>('form[action="/api/feedback"]');
    setAnswers(form ? answersOf(form) : {});
    setIdempotencyKey(crypto.randomUUID());
  }, []);

  // GOV.UK pattern: the page title starts "Error: " while there are errors, so screen reader users
  // hear it, as they do on the server-rendered error page.
  const hasErrors = live.summaryErrors.length > 0;
  useEffect(() => {
    const prefix = t('forms.errorTitlePrefix', {}, lang);
    const base = document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title;
    document.title = hasErrors ? `${prefix}${base}` : base;
  }, [hasErrors, lang]);

  const onChange = (event: FormEvent<HTMLFormElement>) => setAnswers(answersOf(event.currentTarget));

  return (
    <LanguageScope lang={lang}>
      <ContactForm
        values={initialValues}
        reveal={answers}
        errors={live.errors}
        summaryErrors={live.summaryErrors}
        idempotencyKey={idempotencyKey}
        summaryRef={live.summaryRef}
        formProps={{ ...live.formProps, onChange }}
      />
    </LanguageScope>
  );
}
