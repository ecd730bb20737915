import type { ShownConsultation, ShownQuestion } from '../../domain/consultation-translation.ts';
import { formatNumber, formatPercent } from '../../i18n/numbers.ts';
import { currentLanguage, DEFAULT_LANGUAGE, t } from '../../i18n/t.ts';
import type { ConsultationQuestion } from '../../schemas/consultation.ts';
import { BarChart } from '../staff/views/BarChart.tsx';
import { DataTable } from '../staff/views/DataTable.tsx';
import { type PublicCount, publicCount } from '../transparency/suppress.ts';
import { type PublicQuestionResult, publicResult, tallyQuestion } from './results.ts';

const SCALE_OPTIONS = ['1', '2', '3', '4', '5'];
const shownCount = (count: PublicCount) =>
  'shown' in count ? formatNumber(count.shown) : t('consultations.results.suppressed');

/** The options a question is counted over: its own, or 1 to 5 for a scale. */
const optionsOf = (question: ConsultationQuestion) => (question.kind === 'scale' ? SCALE_OPTIONS : question.options);

/**
 * An option's words on the page: the translation's label (results are counted by the English
 * option's text, which every language's form posts), or the option itself (English, or a scale's 1 to 5).
 */
const labelOf = (question: ShownQuestion, option: string) =>
  question.kind === 'scale'
    ? formatNumber(Number(option))
    : (question.labels?.[question.options.indexOf(option)] ?? option);

/** One choice question: the chart (percentages, drawn on the server with d3-scale) and the table with every number. */
function ChoiceResult({
  question,
  number,
  result,
}: {
  question: ShownQuestion;
  number: number;
  result: PublicQuestionResult;
}) {
  const answered =
    'shown' in result.respondents
      ? t('consultations.results.answeredBy', { count: formatNumber(result.respondents.shown) })
      : t('consultations.results.answeredByFew');
  const shown = result.options
    .filter((option) => option.percent !== null)
    .map((option) => ({ label: labelOf(question, option.option), percent: option.percent ?? 0 }));
  return (
    <>
      <p>{answered}</p>
      {question.kind === 'multiple' ? <p>{t('consultations.results.multipleNote')}</p> : null}
      {shown.length > 0 ? (
        <BarChart
          id={`chart-${question.id}`}
          title={t('consultations.results.chartLabel', { number: formatNumber(number) })}
          description={shown.map((option) => `${option.label}: ${formatPercent(option.percent)}`).join('. ')}
          bars={shown.map((option) => ({ label: option.label, value: option.percent }))}
        />
      ) : null}
      <DataTable
        caption={question.text}
        head={[t('consultations.results.answer'), t('consultations.results.count'), t('consultations.results.percent')]}
        rows={result.options.map((option) => [
          labelOf(question, option.option),
          shownCount(option.count),
          option.percent === null ? '–' : formatPercent(option.percent),
        ])}
      />
    </>
  );
}

/** One free-text question: only what the authors agreed to publish and a moderator approved. */
function Quotes({ quotes }: { quotes: readonly string[] }) {
  if (quotes.length === 0) return <p>{t('consultations.results.noQuotes')}</p>;
  return (
    <>
      <p>{t('consultations.results.quotesNote')}</p>
      {quotes.map((quote) => (
        <blockquote key={quote} className="nhsuk-inset-text">
          <p>{quote}</p>
        </blockquote>
      ))}
    </>
  );
}

/**
 * /consultations/<slug>/results/ once the consultation has closed: the summary, then each
 * question's counts and percentages (out of the people who answered it) as a chart and a table,
 * with /transparency/'s small-number rule, and the approved written answers. Under /pl/ or /ur/
 * the consultation comes with its translation's words (title, questions, options) and the page's
 * own words and numbers are the language's (rendered inside renderPage's inLanguage); the
 * summary and the "you said, we did" page are English content, so they say lang="en".
 */
export function ResultsPage(props: {
  consultation: ShownConsultation;
  answers: readonly Readonly<Record<string, readonly string[]>>[];
  quotes: ReadonlyMap<string, readonly string[]>;
}) {
  const { consultation } = props;
  const everyone = publicCount(props.answers.length);
  const english = currentLanguage() === DEFAULT_LANGUAGE ? {} : ({ lang: 'en', dir: 'ltr' } as const);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>{t('consultations.results.title', { title: consultation.title })}</h1>
        {consultation.example ? (
          <div className="nhsuk-card nhsuk-card--warning">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading">{t('site.example.heading')}</h2>
              <p className="nhsuk-card__description">{t('consultations.results.exampleNote')}</p>
            </div>
          </div>
        ) : null}
        <p>
          {'shown' in everyone
            ? t('consultations.results.respondents', { count: formatNumber(everyone.shown) })
            : t('consultations.results.respondentsSuppressed')}
        </p>
        {consultation.summary ? (
          <>
            <h2>{t('consultations.results.summaryHeading')}</h2>
            <p {...english}>{consultation.summary}</p>
          </>
        ) : null}
        {consultation.response ? (
          <p>
            <a href={`/you-said-we-did/${consultation.response}/`} hrefLang={english.lang}>
              {t('consultations.responseLink')}
            </a>
          </p>
        ) : null}
        <p>{t('consultations.results.choiceNote')}</p>
        <p>{t('consultations.results.suppressedNote')}</p>
        {consultation.questions.map((question, index) => (
          <section key={question.id}>
            <h2>{t('consultations.form.question', { number: formatNumber(index + 1), text: question.text })}</h2>
            {question.kind === 'text' ? (
              <Quotes quotes={props.quotes.get(question.id) ?? []} />
            ) : (
              <ChoiceResult
                question={question}
                number={index + 1}
                result={publicResult(tallyQuestion(question.id, optionsOf(question), props.answers))}
              />
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
