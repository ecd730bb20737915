import { groupByKind, type LaunchItem } from '../../../../admin/launch-check/kinds.ts';
import { formatDate, t } from '../../../../i18n/t.ts';
import { DataTable } from '../../views/DataTable.tsx';
import type { LaunchReport } from '../report.ts';

/** One row per file: a file with five made-up addresses is one thing to open, not five. */
function rowsByFile(items: readonly LaunchItem[]): string[][] {
  const details = new Map<string, string[]>();
  for (const item of items) details.set(item.file, [...(details.get(item.file) ?? []), item.detail]);
  return [...details].map(([file, list]) => [file, list.join('; ')]);
}

/**
 * What the comms team must replace before go-live, grouped by kind, each group with what to do.
 * Files and placeholders only: the check never reads personal data.
 */
export function LaunchCheckPage({ report }: { report: LaunchReport | undefined }) {
  if (!report) {
    return (
      <>
        <h1>{t('launchCheck.title')}</h1>
        <p>{t('launchCheck.notRun')}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t('launchCheck.title')}</h1>
      <p>{t('launchCheck.intro')}</p>
      <p className="nhsuk-body-s">
        {t('launchCheck.checkedOn', { date: formatDate(new Date(`${report.checkedOn}T00:00:00Z`)) })}
      </p>
      <p className="nhsuk-heading-s">
        {report.items.length === 0 ? t('launchCheck.ready') : t('launchCheck.left', { count: report.items.length })}
      </p>
      {groupByKind(report.items).map(({ kind, items }) => (
        // A plain group, not a named landmark: the table's own scrolling region already carries the
        // name, and two regions with one name would make screen reader users hear it twice.
        <div key={kind}>
          <h2 className="nhsuk-heading-m">
            {t(`launchCheck.kind.${kind}`)} ({items.length})
          </h2>
          <p>{t(`launchCheck.hint.${kind}`)}</p>
          <DataTable
            caption={t(`launchCheck.kind.${kind}`)}
            head={[t('launchCheck.file'), t('launchCheck.detail')]}
            rows={rowsByFile(items)}
            numeric={false}
          />
        </div>
      ))}
    </>
  );
}
