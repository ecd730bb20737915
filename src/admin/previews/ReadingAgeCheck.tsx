import { LONG_SENTENCE_WORDS, readingAgeOf } from '../../domain/reading-age.ts';
import { EditorCheck } from './EditorCheck.tsx';
import { editorStrings as s } from './strings.ts';

interface Props {
  /** The Markdown (and any plain-text fields) residents will read. */
  markdown: string;
  /** The highest reading age allowed: the site target, or the entry's own exception. */
  target: number;
  /** Set when the entry has a justified exception to the site target. */
  exception?: number | undefined;
}

/**
 * The same score the content gate applies (src/domain/reading-age.ts), shown while the editor
 * writes, so a page is fixed before review rather than failed by the build. The sentences to
 * split are listed in full, because "sentence 4 is too long" is hard to find in a long answer.
 */
export function ReadingAgeCheck({ markdown, target, exception }: Props) {
  const result = readingAgeOf(markdown);
  const meets = result.readingAge <= target;
  return (
    <EditorCheck id="cms-reading-age" heading={s.checkHeading}>
      {result.words === 0 ? (
        <p className="nhsuk-body-s">{s.noText}</p>
      ) : (
        <p className="nhsuk-body-s">
          {s.score(result.readingAge, target)}{' '}
          <strong className={`nhsuk-tag ${meets ? 'nhsuk-tag--green' : 'nhsuk-tag--red'}`}>
            {meets ? s.meets : s.above}
          </strong>
        </p>
      )}
      {exception !== undefined && <p className="nhsuk-body-s">{s.exception(exception)}</p>}
      {result.longSentences.length > 0 && (
        <>
          <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{s.longHeading(result.longSentences.length)}</h3>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">{s.longHint(LONG_SENTENCE_WORDS)}</p>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
            {result.longSentences.map((sentence) => (
              <li key={sentence}>
                <mark>{sentence}</mark> {s.words(sentence.split(/\s+/).length)}
              </li>
            ))}
          </ul>
        </>
      )}
    </EditorCheck>
  );
}
