import { ConsultationForm } from '../../forms/consultations/ConsultationForm.tsx';
import { type ConsultationQuestion, QUESTION_KINDS } from '../../schemas/consultation.ts';
import { type EntryData, records, text, texts } from './entry-data.ts';
import { ExampleNotice, PreviewPage } from './PreviewPage.tsx';
import { isOneOf, type PreviewProps } from './preview-props.ts';

/** A half-written question as the form can show it: unknown kinds read as free text until chosen. */
function questionOf(row: EntryData, index: number): ConsultationQuestion {
  const kind = text(row, 'kind');
  const hint = text(row, 'hint');
  return {
    id: text(row, 'id') || `question-${index + 1}`,
    kind: isOneOf(QUESTION_KINDS, kind) ? kind : 'text',
    text: text(row, 'text'),
    ...(hint ? { hint } : {}),
    options: texts(row, 'options'),
    required: row['required'] !== false,
  };
}

/**
 * src/pages/consultations/[slug]/index.astro: the introduction and the real answer form
 * (src/forms/consultations/ConsultationForm.tsx), so the comms team sees each question as a
 * resident will. The reading age is scored on the introduction and the questions.
 */
export function ConsultationPreview({ data, target }: PreviewProps) {
  const questions = records(data, 'questions').map(questionOf);
  const prose = [text(data, 'intro'), ...questions.map((question) => question.text)].join('\n\n');
  return (
    <PreviewPage target={target} readingText={prose} data={data}>
      <h1>{text(data, 'title')}</h1>
      <ExampleNotice data={data} />
      <p className="nhsuk-lede-text">{text(data, 'intro')}</p>
      <ConsultationForm slug="preview" consultation={{ questions, anonymous: data['anonymous'] !== false }} />
    </PreviewPage>
  );
}

/**
 * A consultation's Polish or Urdu words (content/translations/consultations/). The preview cannot
 * see the English file, so it does not know each question's kind: it lists each question with its
 * hint and options, in order, for the translator to check against the English. The content check
 * compares the two before every build. The reading age shown is measured for English: ignore it.
 */
export function ConsultationTranslationPreview({ data, target }: PreviewProps) {
  const questions = records(data, 'questions');
  const prose = [text(data, 'intro'), ...questions.map((question) => text(question, 'text'))].join('\n\n');
  return (
    <PreviewPage target={target} readingText={prose} data={data}>
      <h1>{text(data, 'title')}</h1>
      <p className="nhsuk-lede-text">{text(data, 'intro')}</p>
      <ol>
        {questions.map((question, index) => (
          <li key={text(question, 'id') || index}>
            <p>{text(question, 'text')}</p>
            {text(question, 'hint') ? <p className="nhsuk-hint">{text(question, 'hint')}</p> : null}
            {texts(question, 'options').length > 0 ? (
              <ul>
                {texts(question, 'options').map((option) => (
                  <li key={option}>{option}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </PreviewPage>
  );
}
