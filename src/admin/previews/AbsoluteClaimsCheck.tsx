import { formatDate } from '../../i18n/t.ts';
import { findAbsoluteClaims } from '../absolute-claims.ts';
import { EditorCheck } from './EditorCheck.tsx';
import { date, type EntryData, record, text } from './entry-data.ts';
import { claimStrings as s } from './strings.ts';

interface Props {
  /** The text residents will read: the body and the plain-text fields. */
  markdown: string;
  /** The entry's data, for its legal review. */
  data: EntryData;
}

/**
 * Absolute claims about data ("never", "always", "only", "cannot", "guarantee", "100 %"), named
 * sentence by sentence while the editor writes, with who signed the entry's legal claims off.
 * A warning, not an error: the content check (src/admin/validate-content.ts) says the same, and
 * neither stops publishing, because some such sentences are true and signed off.
 */
export function AbsoluteClaimsCheck({ markdown, data }: Props) {
  const claims = findAbsoluteClaims(markdown);
  const review = record(data, 'legalReview');
  const by = text(review, 'by');
  const on = date(review, 'date');
  return (
    <EditorCheck id="cms-absolute-claims" heading={s.heading}>
      {claims.length === 0 ? (
        <p className="nhsuk-body-s">{s.none}</p>
      ) : (
        <>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
            <strong className="nhsuk-tag nhsuk-tag--orange">{s.warning(claims.length)}</strong> {s.hint}
          </p>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
            {claims.map((claim) => (
              <li key={claim.sentence}>
                <mark>{claim.sentence}</mark> {s.word(claim.word)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
        {by !== '' && on ? s.reviewed(by, formatDate(on)) : s.notReviewed}
      </p>
    </EditorCheck>
  );
}
