import { t } from '../../../i18n/t.ts';

/** Shown for a reference that is unknown, or not in this person's queues. */
export function NotFound() {
  return (
    <>
      <h1 className="nhsuk-heading-l">{t('staffQueues.notFound')}</h1>
      <p className="nhsuk-body">{t('staffQueues.notFoundHelp')}</p>
    </>
  );
}
