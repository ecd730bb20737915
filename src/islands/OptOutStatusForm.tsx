import { todayInLondon } from '../domain/calendar-date.ts';
import type { IslandStrings } from '../forms/island-language.ts';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { StatusFormView } from '../forms/opt-out/StatusFormView.tsx';
import { useIslandForm } from '../forms/use-island-form.ts';
import { optOutStatusSchema } from '../schemas/forms/opt-out-status.ts';

/** The status check form with live validation; the function decides and answers in HTML. */
export default function OptOutStatusForm({ strings }: { strings: IslandStrings }) {
  const { lang, live } = useIslandForm(strings, () => optOutStatusSchema({ today: todayInLondon(new Date()) }));
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
