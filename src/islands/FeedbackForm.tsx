import { type FormEvent, useEffect, useState } from 'react';
import { ContactForm, type ContactFormAnswers } from '../forms/feedback/ContactForm.tsx';
import type { IslandStrings } from '../forms/island-language.ts';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { usePostedFormIsland } from '../forms/use-island-form.ts';
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
  strings,
}: {
  initialValues?: FeedbackFormValues | undefined;
  strings: IslandStrings;
}) {
  const { lang, state } = usePostedFormIsland(strings, () => feedbackFormSchema());
  const [answers, setAnswers] = useState<ContactFormAnswers | undefined>(undefined);
  useEffect(() => {
    // After hydration, so the first render matches the static HTML exactly.
    const form = document.querySelector<HTMLFormElement>('form[action="/api/feedback"]');
    setAnswers(form ? answersOf(form) : {});
  }, []);
  const onChange = (event: FormEvent<HTMLFormElement>) => setAnswers(answersOf(event.currentTarget));

  return (
    <LanguageScope lang={lang}>
      <ContactForm values={initialValues} reveal={answers} {...state} formProps={{ ...state.formProps, onChange }} />
    </LanguageScope>
  );
}
