import { t } from '../../i18n/t.ts';
import type { ConsultationData, ConsultationQuestion } from '../../schemas/consultation.ts';
import { BarChart } from '../staff/views/BarChart.tsx';
import { DataTable } from '../staff/views/DataTable.tsx';
import { type PublicCount, publicCount } from '../transparency/suppress.ts';
import { type PublicQuestionResult, publicResult, tallyQuestion } from './results.ts';

const SCALE_OPTIONS = ['1', '2', '3', '4', '5'];
const shownCount = (count: PublicCount) =>
  'shown' in count ? String(count.shown) : t('consultations.results.suppressed');

/** The options a question is counted over: its own, or 1 to 5 for a scale. */
const optionsOf = (question: ConsultationQuestion) => (question.kind === 'scale' ? SCALE_OPTIONS : question.options);

/** One choice question: the chart (percentages, drawn on the server with d3-scale) and the table with every number. */
function ChoiceResult({
  question,
  number,
  result,
}: {
  question: ConsultationQuestion;
  number: number;
  result: PublicQuestionResult;
}) {
  const answered =
    'shown' in result.respondents
      ? t('consultations.results.answeredBy', { count: String(result.respondents.shown) })
      : t('consultations.results.answeredByFew');
  const shown = result.options.filter((option) => option.percent !== null);
  return (
    <>
      <p>{answered}</p>
      {question.kind === 'multiple' ? <p>{t('consultations.results.multipleNote')}</p> : null}
      {shown.length > 0 ? (
        <BarChart
          id={`chart-${question.id}`}
          title={t('consultations.results.chartLabel', { number: String(number) })}
          description={shown.map((option) => `${option.option}: ${option.percent}%`).join('. ')}
          bars={shown.map((option) => ({ label: option.option, value: option.percent ?? 0 }))}
        />
      ) : null}
      <DataTable
        caption={question.text}
        head={[t('consultations.results.answer'), t('consultations.results.count'), t('consultations.results.percent')]}
        rows={result.options.map((option) => [
          option.option,
          shownCount(option.count),
          option.percent === null ? '–' : `${option.percent}%`,
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
 * with /transparency/'s small-number rule, and the approved written answers.
 */
export function ResultsPage(props: {
  consultation: ConsultationData;
  answers: readonly Readonly<Record<string, readonly string[]>>[];
  quotes: ReadonlyMap<string, readonly string[]>;
}) {
  const { consultation } = props;
  const everyone = publicCount(props.answers.length);
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
            ? t('consultations.results.respondents', { count: String(everyone.shown) })
            : t('consultations.results.respondentsSuppressed')}
        </p>
        {consultation.summary ? (
          <>
            <h2>{t('consultations.results.summaryHeading')}</h2>
            <p>{consultation.summary}</p>
          </>
        ) : null}
        {consultation.response ? (
          <p>
            <a href={`/you-said-we-did/${consultation.response}/`}>{t('consultations.responseLink')}</a>
          </p>
        ) : null}
        <p>{t('consultations.results.choiceNote')}</p>
        <p>{t('consultations.results.suppressedNote')}</p>
        {consultation.questions.map((question, index) => (
          <section key={question.id}>
            <h2>{t('consultations.form.question', { number: String(index + 1), text: question.text })}</h2>
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
