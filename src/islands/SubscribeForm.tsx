import { useEffect, useMemo, useState } from 'react';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { useErrorTitle } from '../forms/opt-out/use-error-title.ts';
import { SubscribeForm as Form } from '../forms/subscriptions/SubscribeForm.tsx';
import { useLiveValidation } from '../forms/use-live-validation.ts';
import { inLanguage, type Language, t } from '../i18n/t.ts';
import { subscribeFormSchema } from '../schemas/forms/subscription.ts';

/**
 * The email updates sign-up form with JavaScript: each answer is checked as the person goes, with
 * the zod schema the function uses. Without JavaScript the same static HTML posts and the function
 * answers with the error summary, so nothing depends on this island.
 */
export default function SubscribeForm({ lang = 'en' }: { lang?: Language }) {
  const schema = useMemo(() => inLanguage(lang, () => subscribeFormSchema()), [lang]);
  const live = useLiveValidation(schema);
  const [idempotencyKey, setIdempotencyKey] = useState<string | undefined>(undefined);
  // After hydration, so the first render matches the static HTML exactly.
  useEffect(() => setIdempotencyKey(crypto.randomUUID()), []);

  // GOV.UK pattern: the title starts "Error: " while errors show, as on the server's error page.
  useErrorTitle(live.summaryErrors.length);

  return (
    <LanguageScope lang={lang}>
      <Form
        action="/api/updates/subscribe"
        submitLabel={t('subscriptions.form.submit', {}, lang)}
        errors={live.errors}
        summaryErrors={live.summaryErrors}
        idempotencyKey={idempotencyKey}
        summaryRef={live.summaryRef}
        formProps={live.formProps}
      />
    </LanguageScope>
  );
}
