import { useMemo } from 'react';
import { todayInLondon } from '../domain/calendar-date.ts';
import { StatusFormView } from '../forms/opt-out/StatusFormView.tsx';
import { useErrorTitle } from '../forms/opt-out/use-error-title.ts';
import { useLiveValidation } from '../forms/use-live-validation.ts';
import { optOutStatusSchema } from '../schemas/forms/opt-out-status.ts';

/** The status check form with live validation; the function decides and answers in HTML. */
export default function OptOutStatusForm() {
  const schema = useMemo(() => optOutStatusSchema({ today: todayInLondon(new Date()) }), []);
  const live = useLiveValidation(schema);
  useErrorTitle(live.summaryErrors.length);
  return (
    <StatusFormView
      summaryErrors={live.summaryErrors}
      byField={live.byField}
      formProps={live.formProps}
      summaryRef={live.summaryRef}
    />
  );
}
