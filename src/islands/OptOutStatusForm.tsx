import { useMemo } from 'react';
import { todayInLondon } from '../domain/calendar-date.ts';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { StatusFormView } from '../forms/opt-out/StatusFormView.tsx';
import { useErrorTitle } from '../forms/opt-out/use-error-title.ts';
import { useLiveValidation } from '../forms/use-live-validation.ts';
import { inLanguage, type Language } from '../i18n/languages.ts';
import { optOutStatusSchema } from '../schemas/forms/opt-out-status.ts';

/** The status check form with live validation; the function decides and answers in HTML. */
export default function OptOutStatusForm({ lang = 'en' }: { lang?: Language }) {
  const schema = useMemo(
    () => inLanguage(lang, () => optOutStatusSchema({ today: todayInLondon(new Date()) })),
    [lang],
  );
  const live = useLiveValidation(schema);
  useErrorTitle(live.summaryErrors.length);
  return (
    <LanguageScope lang={lang}>
      <StatusFormView
        summaryErrors={live.summaryErrors}
        byField={live.byField}
        formProps={live.formProps}
        summaryRef={live.summaryRef}
      />
    </LanguageScope>
  );
}
