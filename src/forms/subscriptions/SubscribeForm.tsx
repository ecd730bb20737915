import { SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_TOPICS } from '../../domain/subscriptions.ts';
import { t } from '../../i18n/t.ts';
import type { SubscribeFormValues } from '../../schemas/forms/subscription.ts';
import { Button, Checkboxes, EmailInput, PostedForm, type PostedFormState, Radios } from '../components/index.ts';
import { errorsByField } from '../validation.ts';

interface Props extends PostedFormState {
  /**
   * Where it posts. The sign-up form posts to /api/updates/subscribe and asks for the address;
   * a manage page posts to its own link (/api/updates/manage?token=…) and asks only for the choices,
   * so a subscriber changes them without signing in and the address never appears on the page.
   */
  action: string;
  /** The button's words: "Sign up" or "Save changes". */
  submitLabel: string;
  /** What was chosen before (or typed, after errors). */
  values?: SubscribeFormValues | undefined;
}

/**
 * The email updates form: rendered to static HTML by Astro, hydrated by
 * src/islands/SubscribeForm.tsx for live validation, and rendered again by the function with
 * errors (no JavaScript) and for the manage link.
 */
export function SubscribeForm({ action, submitLabel, values = {}, ...state }: Props) {
  const error = errorsByField(state.errors ?? []);
  const asksForEmail = action === '/api/updates/subscribe';
  return (
    <PostedForm action={action} noValidate {...state}>
      {asksForEmail ? (
        <EmailInput
          label={t('subscriptions.form.email.label')}
          hint={t('subscriptions.form.email.hint')}
          value={values.email}
          error={error['email']}
        />
      ) : null}
      <Checkboxes
        name="topics"
        legend={t('subscriptions.form.topics.legend')}
        hint={t('subscriptions.form.topics.hint')}
        options={SUBSCRIPTION_TOPICS.map((value) => ({ value, label: t(`subscriptions.form.topics.${value}`) }))}
        values={values.topics}
        error={error['topics']}
      />
      <Radios
        name="frequency"
        legend={t('subscriptions.form.frequency.legend')}
        options={SUBSCRIPTION_FREQUENCIES.map((value) => ({
          value,
          label: t(`subscriptions.form.frequency.${value}`),
          hint: t(`subscriptions.form.frequency.${value}.hint`),
        }))}
        value={values.frequency}
        error={error['frequency']}
      />
      <Button>{submitLabel}</Button>
    </PostedForm>
  );
}
