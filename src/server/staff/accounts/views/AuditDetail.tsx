import { t } from '../../../../i18n/t.ts';

/** "assignedTo" → "Assigned to": the detail's keys are code names; staff read words. */
const label = (key: string) => {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const value = (raw: unknown): string => {
  if (raw === null || raw === undefined) return t('staffAuth.audit.detailNone');
  if (typeof raw === 'boolean') return t(raw ? 'staffAuth.audit.detailYes' : 'staffAuth.audit.detailNo');
  if (Array.isArray(raw)) return raw.map(value).join(', ');
  if (typeof raw === 'object') return JSON.stringify(raw);
  return String(raw);
};

/**
 * An audit entry's extra facts as labelled fields. Raw JSON in monospace did not wrap (the log
 * was 2,288 px wide at 1280 px) and read like an error; a description list wraps and reads.
 */
export function AuditDetail({ detail }: { detail: unknown }) {
  const entries = detail !== null && typeof detail === 'object' ? Object.entries(detail) : [];
  if (entries.length === 0) return null;
  return (
    <dl className="staff-audit-detail">
      {entries.map(([key, raw]) => (
        <div key={key}>
          <dt>{label(key)}</dt>
          <dd>{value(raw)}</dd>
        </div>
      ))}
    </dl>
  );
}
