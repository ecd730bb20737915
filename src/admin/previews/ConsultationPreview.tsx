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
