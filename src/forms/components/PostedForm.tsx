import type { FormHTMLAttributes, ReactNode, Ref } from 'react';
import type { FieldError } from '../validation.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { Honeypot } from './Honeypot.tsx';
import { LanguageField } from './LanguageField.tsx';

/** What a posted form's view is given besides its answers: by Astro, by its island, or by the function. */
export interface PostedFormState {
  /** Messages beside fields. */
  errors?: readonly FieldError[] | undefined;
  /** Messages in the summary at the top (the server shows all; live validation only after a submit). */
  summaryErrors?: readonly FieldError[] | undefined;
  /** A fresh UUID per rendered form, so pressing the button twice sends one submission. */
  idempotencyKey?: string | undefined;
  /** With JavaScript: live validation's handlers. */
  formProps?: FormHTMLAttributes<HTMLFormElement> | undefined;
  summaryRef?: Ref<HTMLDivElement> | undefined;
}

interface Props extends Omit<PostedFormState, 'errors'> {
  action: string;
  /** Leave the checking to our messages, not the browser's (which cannot be translated or styled). */
  noValidate?: true | undefined;
  /** Fields the function needs before anything the person answers (which form, which consultation). */
  hidden?: Readonly<Record<string, string>>;
  children: ReactNode;
}

/**
 * The opening every resident's posted form shares: the error summary first, inside the element
 * live validation focuses (so a screen reader reads the problems before anything else), then the
 * hidden fields, the honeypot that catches bots and the page's language, which the function
 * answers in.
 */
export function PostedForm({
  action,
  noValidate,
  hidden = {},
  summaryErrors = [],
  idempotencyKey,
  formProps,
  summaryRef,
  children,
}: Props) {
  return (
    <form action={action} method="post" noValidate={noValidate} {...formProps}>
      <div ref={summaryRef}>
        <ErrorSummary errors={summaryErrors} />
      </div>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
      <Honeypot />
      <LanguageField />
      {children}
    </form>
  );
}
