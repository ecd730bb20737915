import { useEffect, useState } from 'react';
import { todayInLondon } from '../domain/calendar-date.ts';
import type { IslandStrings } from '../forms/island-language.ts';
import { LanguageScope } from '../forms/LanguageScope.tsx';
import { OPT_OUT_ACTION, OptOutFormView } from '../forms/opt-out/OptOutFormView.tsx';
import { useIslandForm } from '../forms/use-island-form.ts';
import { optOutSchema } from '../schemas/forms/opt-out.ts';

/**
 * The opt-out form, hydrated: live validation with the same schema the function uses, and the
 * questions that do not apply hidden. Valid answers post natively, so the server still decides;
 * without JavaScript the same markup works as a plain form.
 */
export default function OptOutForm({ strings }: { strings: IslandStrings }) {
  // Live messages in the page's language: the schema's own are built in it.
  const { lang, live } = useIslandForm(strings, () =>
    optOutSchema({ today: todayInLondon(new Date()), requireDeclaration: false }),
  );
  const [enhanced, setEnhanced] = useState(false);
  const [choices, setChoices] = useState<Record<string, string>>({});
  // Hide questions only after hydration, so the first client render matches the static HTML, and
  // start from what is already chosen: a quick person may have answered before the script ran.
  useEffect(() => {
    const form = document.querySelector<HTMLFormElement>(`form[action="${OPT_OUT_ACTION}"]`);
    if (form) {
      const data = new FormData(form);
      const chosen: Record<string, string> = {};
      for (const name of ['who', 'nhsNumberKnown']) {
        const value = data.get(name);
        if (typeof value === 'string') chosen[name] = value;
      }
      setChoices(chosen);
    }
    setEnhanced(true);
  }, []);

  const onInput = (event: Parameters<typeof live.formProps.onInput>[0]) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'radio') {
      setChoices((current) => ({ ...current, [target.name]: target.value }));
    }
    live.formProps.onInput(event);
  };

  return (
    <LanguageScope lang={lang}>
      <OptOutFormView
        choices={choices}
        summaryErrors={live.summaryErrors}
        byField={live.byField}
        enhanced={enhanced}
        formProps={{ ...live.formProps, onInput }}
        summaryRef={live.summaryRef}
      />
    </LanguageScope>
  );
}
