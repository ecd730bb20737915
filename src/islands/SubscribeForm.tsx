import type { IslandStrings } from '../forms/island-language.ts';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { SubscribeForm as Form } from '../forms/subscriptions/SubscribeForm.tsx';
import { usePostedFormIsland } from '../forms/use-island-form.ts';
import { t } from '../i18n/t.ts';
import { subscribeFormSchema } from '../schemas/forms/subscription.ts';

/**
 * The email updates sign-up form with JavaScript: each answer is checked as the person goes, with
 * the zod schema the function uses. Without JavaScript the same static HTML posts and the function
 * answers with the error summary, so nothing depends on this island.
 */
export default function SubscribeForm({ strings }: { strings: IslandStrings }) {
  const { lang, state } = usePostedFormIsland(strings, () => subscribeFormSchema());
  return (
    <LanguageScope lang={lang}>
      <Form action="/api/updates/subscribe" submitLabel={t('subscriptions.form.submit', {}, lang)} {...state} />
    </LanguageScope>
  );
}
